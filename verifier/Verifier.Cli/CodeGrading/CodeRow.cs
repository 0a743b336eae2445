using System.Text.Json;
using Verifier.Contracts;

namespace Verifier.Cli.CodeGrading;

/// <summary>One valid input line: the item to verify, and where it came from.</summary>
internal sealed record CodeRow(long Line, JsonElement? Id, VerifyItem Item);

/// <summary>
/// One output line. <see cref="Correct"/> and <see cref="Reward"/> are null when the service could not decide (an
/// infrastructure failure, a timeout): unknown, never 0.
/// </summary>
internal sealed record CodeGradeResult
{
    public long Line { get; init; }

    public JsonElement? Id { get; init; }

    public bool? Correct { get; init; }

    public double? Reward { get; init; }

    public string? Verdict { get; init; }

    public string? Reason { get; init; }

    public static CodeGradeResult From(CodeRow row, VerifyResult result) => new()
    {
        Line = row.Line,
        Id = row.Id,
        Correct = result.Reward is null ? null : result.Verdict == Verdicts.Accepted,
        Reward = result.Reward,
        Verdict = result.Detail?.Code?.Verdict ?? result.Verdict,
        Reason = result.Reason ?? FirstFailure(result.Detail?.Code),
    };

    /// <summary>The first failed test's reason: the item's own reason is often empty for a plain wrong answer.</summary>
    private static string? FirstFailure(CodeDetail? code) =>
        code?.Tests?.FirstOrDefault(t => t.Verdict != Verdicts.Accepted && t.Reason is not null) is { } test
            ? $"test {test.Index}: {test.Reason}"
            : null;
}
