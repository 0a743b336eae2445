using System.Collections.Concurrent;
using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.HumanEval;

/// <summary>
/// HumanEval through the Python judge: every canonical solution is accepted, and the same programs with the body
/// replaced by <c>return None</c> are all rejected. Runs in fast mode with several submissions at once.
/// </summary>
[Collection(SandboxCollection.Name)]
public class HumanEvalTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    [Fact]
    public async Task HumanEval_AllCanonicalSolutionsAccepted_AndAllBrokenOnesRejected()
    {
        var path = RepositoryPaths.SharedFile("data", "code", "HumanEval.jsonl.gz");
        Assert.SkipWhen(path is null, "HumanEval.jsonl.gz not found in <repo>/../shared/data/code (or $VERIFIER_SHARED_DIR/data/code); the bundled sample still runs");

        var problems = HumanEvalProblem.Load(path!);

        Assert.Equal(164, problems.Count);
        await AssertJudgedRightAsync(problems);
    }

    [Fact]
    public async Task HumanEvalSample_CanonicalAccepted_BrokenRejected()
    {
        var problems = HumanEvalProblem.Load(Path.Combine(AppContext.BaseDirectory, "Data", "humaneval-sample.jsonl"));

        Assert.True(problems.Count >= 8);
        await AssertJudgedRightAsync(problems);
    }

    private async Task AssertJudgedRightAsync(IReadOnlyList<HumanEvalProblem> problems)
    {
        var wrong = new ConcurrentBag<string>();
        var submissions = problems.SelectMany(p => new[] { (Problem: p, Canonical: true), (Problem: p, Canonical: false) });
        await Parallel.ForEachAsync(submissions, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (s, ct) =>
        {
            var code = s.Canonical ? s.Problem.Canonical : s.Problem.Broken;
            var verdict = await _sandbox.VerifyAsync(Python(code, Checks(s.Problem.EntryPoint, s.Problem.Checks), key: "humaneval"), ct);
            var right = s.Canonical ? verdict.Verdict == CodeVerdictKind.Accepted : verdict.Verdict is not (CodeVerdictKind.Accepted or CodeVerdictKind.InfraError);
            if (!right)
            {
                wrong.Add($"{s.Problem.TaskId} ({(s.Canonical ? "canonical" : "return None")}): {verdict.Verdict} {verdict.Reason}");
            }
        });

        Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Order(StringComparer.Ordinal)));
    }
}
