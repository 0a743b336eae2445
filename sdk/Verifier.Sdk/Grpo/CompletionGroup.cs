using Verifier.Contracts;

namespace Verifier.Sdk.Grpo;

/// <summary>
/// The G completions sampled for one prompt, and how to score them: <see cref="Template"/> holds the
/// prompt's gold answer or tests, format and weights; its own completion is ignored.
/// </summary>
public sealed record CompletionGroup(string? PromptId, IReadOnlyList<string> Completions, VerifyItem Template)
{
    /// <summary>R1's reward for a math prompt: accuracy against <paramref name="gold"/>, plus format.</summary>
    public static CompletionGroup ForMath(string? promptId, string gold, IReadOnlyList<string> completions, bool withFormat = true) =>
        new(promptId, completions, new VerifyItem
        {
            Completion = "",
            Math = new MathSpec { Gold = gold },
            Format = withFormat ? new FormatSpec() : null,
        });

    internal VerifyItem ItemFor(int completion) => Template with
    {
        Completion = Completions[completion],
        Id = PromptId is null ? Template.Id : $"{PromptId}/{completion}",
    };
}

/// <summary>
/// The scored group, results in completion order. <see cref="Rewards"/> holds null where the verifier could
/// not score a completion: give those zero advantage, never a reward of 0.
/// </summary>
public sealed record GroupResult(int GroupIndex, string? PromptId, IReadOnlyList<VerifyResult> Results)
{
    public IReadOnlyList<double?> Rewards => [.. Results.Select(r => r.Reward)];
}
