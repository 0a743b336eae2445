namespace Verifier.Core.Math.Extraction;

/// <summary>One candidate answer text and the rule that found it.</summary>
internal readonly record struct ExtractedAnswer(string Text, ExtractionRule? Rule);

/// <summary>The candidates found in a completion, best first, or why there are none.</summary>
internal sealed record ExtractionResult(IReadOnlyList<ExtractedAnswer> Candidates, string? FailureReason)
{
    public static ExtractionResult None(string reason) => new([], reason);
}
