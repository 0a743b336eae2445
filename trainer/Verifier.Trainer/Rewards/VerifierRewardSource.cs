using Verifier.Contracts;
using Verifier.Sdk;
using Verifier.Trainer.Tasks;

namespace Verifier.Trainer.Rewards;

/// <summary>
/// R1's rewards from the running verifier, through the SDK: accuracy (the math answer against the gold, or
/// the code against its tests) plus format. An item the verifier could not score comes back with null
/// parts, which the trainer turns into zero advantage; a made-up 0 never reaches the policy.
/// </summary>
public sealed class VerifierRewardSource(VerifierClient client) : IRewardSource, IAsyncDisposable
{
    public async Task<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var items = requests.Select(ToItem).ToList();
        var results = await client.VerifyManyAsync(items, cancellationToken).ConfigureAwait(false);
        return [.. results.Select(r => new RewardScore(r.Accuracy, r.Format, r.Reward))];
    }

    internal static VerifyItem ToItem(RewardRequest request)
    {
        var task = request.Task;
        return new VerifyItem
        {
            Id = task.Id,
            Completion = request.Completion,
            Math = task.Kind == TaskKind.Math ? new MathSpec { Gold = task.GoldAnswer ?? "" } : null,
            Code = task.Kind == TaskKind.Code ? CodeSpecFor(task) : null,
            Format = new FormatSpec(),
        };
    }

    /// <summary>
    /// The task's tests as an assert block in the task's language. Python: HumanEval-style code that defines
    /// <c>check(candidate)</c> is sent as it is, and bare assert lines (MBPP style, calling the entry point by name)
    /// are wrapped into a check that binds that name to the candidate. Any other language's tests are already the
    /// program the verifier compiles around the candidate (C++: a translation unit with its own main), so they go
    /// as written: wrapping them in Python made every such completion a compile error, right or wrong.
    /// </summary>
    internal static CodeSpec CodeSpecFor(TaskItem task)
    {
        var tests = task.Tests ?? [];
        var language = task.Language ?? "python";
        var entryPoint = task.EntryPoint ?? "solution";
        var joined = string.Join('\n', tests);
        var code = language != "python" || joined.Contains("def check(", StringComparison.Ordinal)
            ? joined
            : "def check(candidate):\n    " + entryPoint + " = candidate\n" +
              string.Concat(tests.SelectMany(t => t.Split('\n')).Select(line => "    " + line + "\n"));
        return new CodeSpec
        {
            Language = language,
            Tests = CodeTests.Assert(entryPoint, code),
        };
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
