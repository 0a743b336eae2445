namespace Verifier.Core.Math.Extraction;

/// <summary>
/// Math-Verify's per-case configuration in this engine's terms, so that its test suite grades here as it was run
/// there (the benchmark harness and the CLI's <c>grade --dataset mathverify</c> both map through this): the three
/// standard rules, then <c>lastMath</c> for the <c>latex</c> match type and <c>lastNumber</c> for <c>expr</c>; a
/// <c>precision</c> of p digits as an absolute tolerance of 10^-p.
/// </summary>
public static class MathVerifyConfiguration
{
    /// <param name="matchTypes">The case's <c>match_types</c>: a list joined with commas, or the suite's description of its default.</param>
    public static IReadOnlyList<ExtractionRule> ExtractionRules(string matchTypes)
    {
        ArgumentNullException.ThrowIfNull(matchTypes);
        var rules = new List<ExtractionRule> { ExtractionRule.Boxed, ExtractionRule.FinalAnswerIs, ExtractionRule.AnswerLabel };
        if (matchTypes.Contains("latex", StringComparison.Ordinal))
        {
            rules.Add(ExtractionRule.LastMath);
        }

        if (matchTypes.Contains("expr", StringComparison.Ordinal))
        {
            rules.Add(ExtractionRule.LastNumber);
        }

        return rules;
    }

    public static double? AbsoluteTolerance(int? precisionDigits) => precisionDigits is { } digits ? System.Math.Pow(10, -digits) : null;
}
