using Verifier.Core.Math.Extraction;

namespace Verifier.Cli.Grading;

/// <summary>
/// A row's own math options. <see cref="Extract"/> and <see cref="Tolerance"/> are the /v1 API's <c>math.extract</c>
/// and <c>math.tolerance</c>, so they grade the same locally and through <c>--remote</c>. The others set the math
/// engine itself (<c>MathVerifierOptions</c>, under the same names) and have no /v1 counterpart, so they are graded
/// in-process only; they are what a suite such as Math-Verify's needs to be reproduced case by case.
/// </summary>
internal sealed record MathRowOptions
{
    /// <summary>Overrides <c>--extract</c> for this row: <c>completion</c> or <c>answer</c>.</summary>
    public string? Extract { get; init; }

    /// <summary>Relative tolerance for numbers, as the API's <c>math.tolerance</c>.</summary>
    public double? Tolerance { get; init; }

    /// <summary>Absolute tolerance for every numeric comparison (a suite that compares rounded values).</summary>
    public double? AbsoluteTolerance { get; init; }

    /// <summary>Where answers are read from, in order; null keeps the engine's (boxed, "final answer is", "Answer:").</summary>
    public IReadOnlyList<ExtractionRule>? ExtractionRules { get; init; }

    /// <summary>Whether a predicted inequality may match a gold interval; null keeps the engine's default (allowed).</summary>
    public bool? AllowSetRelationComparison { get; init; }

    /// <summary>The gold is a worked solution: its answer is read with the same rules as the completion's.</summary>
    public bool ExtractGold { get; init; }

    /// <summary>Whether the row needs an engine configured for it, which only in-process grading can build.</summary>
    public bool NeedsLocalEngine =>
        AbsoluteTolerance is not null || ExtractionRules is not null || AllowSetRelationComparison is not null || ExtractGold;

    /// <summary>The first field that only in-process grading honours, for the message that refuses it remotely.</summary>
    public string? FirstLocalOnlyField =>
        ExtractionRules is not null ? MathRowFields.ExtractionRules
        : AbsoluteTolerance is not null ? MathRowFields.AbsoluteTolerance
        : AllowSetRelationComparison is not null ? MathRowFields.AllowSetRelationComparison
        : ExtractGold ? MathRowFields.ExtractGold
        : null;

    /// <summary>A key equal for rows that the same engine configuration grades.</summary>
    public string EngineKey =>
        $"{(ExtractionRules is null ? "-" : string.Join(',', ExtractionRules))}/{AbsoluteTolerance?.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}/{AllowSetRelationComparison}";
}

/// <summary>The row fields that carry <see cref="MathRowOptions"/>, as they are spelled in the JSONL.</summary>
internal static class MathRowFields
{
    public const string Extract = "extract";
    public const string Tolerance = "tolerance";
    public const string AbsoluteTolerance = "absoluteTolerance";
    public const string ExtractionRules = "extractionRules";
    public const string AllowSetRelationComparison = "allowSetRelationComparison";
    public const string ExtractGold = "extractGold";
}
