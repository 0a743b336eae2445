namespace Verifier.Core.Math.Extraction;

/// <summary>
/// Where an answer may be read from a completion (after the R1 &lt;answer&gt; tag, which always comes first).
/// <see cref="MathVerifierOptions.ExtractionRules"/> lists the ones to try, in order.
/// </summary>
public enum ExtractionRule
{
    /// <summary>The last \boxed{...} or \fbox{...}; adjacent boxes joined by "and" or commas form a list.</summary>
    Boxed,

    /// <summary>"The final answer is ..." (the last such statement).</summary>
    FinalAnswerIs,

    /// <summary>"Answer: ..." or "the answer is ..." (the last such statement).</summary>
    AnswerLabel,

    /// <summary>The last LaTeX math span ($...$, \(...\), \[...\], $$...$$); not used unless listed.</summary>
    LastMath,

    /// <summary>The last number in the text; not used unless listed.</summary>
    LastNumber,
}
