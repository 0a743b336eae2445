using System.ComponentModel.DataAnnotations;
using Verifier.Core.Math.Extraction;

namespace Verifier.Core.Math;

/// <summary>
/// Settings of a <see cref="MathVerifier"/>; validated once when the verifier is built. A record, so that settings
/// derived from others (<c>defaults with { ... }</c>) carry every other setting, including ones added later.
/// </summary>
public sealed record MathVerifierOptions
{
    /// <summary>
    /// Rules tried in order after the &lt;answer&gt; tag. The default is the order: the last box, then
    /// "final answer is", then "Answer:". Add <see cref="ExtractionRule.LastMath"/> or
    /// <see cref="ExtractionRule.LastNumber"/> for lenient reading of free-form completions.
    /// </summary>
    [Required]
    [MinLength(1)]
    public IReadOnlyList<ExtractionRule> ExtractionRules { get; init; } =
        [ExtractionRule.Boxed, ExtractionRule.FinalAnswerIs, ExtractionRule.AnswerLabel];

    /// <summary>Tag whose content is never graded (R1's &lt;think&gt;).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9_-]*$")]
    public string ThinkTag { get; init; } = "think";

    /// <summary>Tag holding the final answer (R1's &lt;answer&gt;).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9_-]*$")]
    public string AnswerTag { get; init; } = "answer";

    /// <summary>Wall-clock allowance for one check; past it the verdict is undecided.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Work allowance for one check, in evaluation steps (deterministic, unlike the clock).</summary>
    [Range(1_000, long.MaxValue)]
    public long StepBudget { get; init; } = 2_000_000;

    /// <summary>Sample points for identities with variables.</summary>
    [Range(3, 64)]
    public int RandomPoints { get; init; } = 6;

    /// <summary>Starting precision of numeric evaluation, in bits (literal sizes are added).</summary>
    [Range(64, 4096)]
    public int PrecisionBits { get; init; } = 128;

    /// <summary>Most precision numeric evaluation may escalate to before giving up, in bits.</summary>
    [Range(128, 65_536)]
    public int MaxPrecisionBits { get; init; } = 4096;

    /// <summary>Absolute tolerance applied to every numeric comparison (for suites that compare rounded values).</summary>
    [Range(0.0, double.MaxValue)]
    public double? AbsoluteTolerance { get; init; }

    /// <summary>Whether a predicted inequality may match a gold interval (a gold inequality always matches an interval).</summary>
    public bool AllowSetRelationComparison { get; init; } = true;

    /// <summary>Longest completion read; longer ones are undecided.</summary>
    [Range(1, int.MaxValue)]
    public int MaxCompletionLength { get; init; } = 4 * 1024 * 1024;

    /// <summary>Longest extracted answer parsed; longer ones are undecided.</summary>
    [Range(1, 1_000_000)]
    public int MaxAnswerLength { get; init; } = 4000;

    /// <summary>Deepest nesting the parser follows before giving up (the guard against stack exhaustion).</summary>
    [Range(4, 200)]
    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>Distinct gold answers kept parsed; the cache starts over when full.</summary>
    [Range(0, 1_000_000)]
    public int GoldCacheSize { get; init; } = 4096;

    /// <summary>Throws a <see cref="ValidationException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (ExtractionRules.Distinct().Count() != ExtractionRules.Count || ExtractionRules.Any(r => !Enum.IsDefined(r)))
        {
            throw new ValidationException("ExtractionRules must list distinct, defined rules.");
        }

        if (MaxPrecisionBits < PrecisionBits)
        {
            throw new ValidationException("MaxPrecisionBits must be at least PrecisionBits.");
        }
    }
}
