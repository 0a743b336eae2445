using System.Text;
using System.Text.RegularExpressions;

namespace Verifier.MathSuites;

/// <summary>
/// Harmless rewritings of a LaTeX answer, each of which must still equal the original: typography that a model
/// may choose differently without changing the mathematics.
/// </summary>
public static partial class Reformatter
{
    public static IEnumerable<(string Name, string Text)> Variants(string gold)
    {
        var variants = new (string Name, string Text)[]
        {
            ("dfrac", gold.Replace("\\frac", "\\dfrac", StringComparison.Ordinal)),
            ("tfrac-to-frac", gold.Replace("\\dfrac", "\\frac", StringComparison.Ordinal).Replace("\\tfrac", "\\frac", StringComparison.Ordinal)),
            ("no-left-right", gold.Replace("\\left", string.Empty, StringComparison.Ordinal).Replace("\\right", string.Empty, StringComparison.Ordinal)),
            ("tight-spacing", RemoveSpaces(gold)),
            ("spaced-operators", SpacedOperators().Replace(gold, " $1 ")),
            ("braced-arguments", BraceArguments(gold)),
            ("display-math", "\\displaystyle " + gold),
            ("mbox-as-text", gold.Replace("\\mbox{", "\\text{", StringComparison.Ordinal).Replace("\\text{", "\\textrm{", StringComparison.Ordinal)),
            ("no-thousands-separators", ThousandsSeparator().Replace(gold, string.Empty)),
            ("no-dollar-sign", gold.Replace("\\$", string.Empty, StringComparison.Ordinal)),
            ("braced-degree", gold.Replace("^\\circ", "^{\\circ}", StringComparison.Ordinal)),
            ("outer-braces", "{" + gold + "}"),
            ("cdot-times", gold.Replace("\\cdot", "\\times", StringComparison.Ordinal)),
            ("spaced-commas", ListComma().Replace(gold, ", ")),
            ("left-right-added", gold.Contains("\\left", StringComparison.Ordinal) || gold.Contains("\\text", StringComparison.Ordinal) ? gold : gold.Replace("(", "\\left(", StringComparison.Ordinal).Replace(")", "\\right)", StringComparison.Ordinal).Replace("]", "\\right]", StringComparison.Ordinal).Replace("[", "\\left[", StringComparison.Ordinal)),
            ("frac-as-slash", NumericFraction().Replace(gold, "$1/$2")),
            ("sqrt-unbraced", SqrtDigit().Replace(gold, "\\sqrt$1")),
            ("unicode-degree", gold.Replace("^\\circ", "\u00b0", StringComparison.Ordinal)),
            ("leading-zero", LeadingDot().Replace(gold, "0.")),
            ("trailing-zero", DecimalEnd().Replace(gold, "${0}0")),
            ("mbox", gold.Replace("\\text{", "\\mbox{", StringComparison.Ordinal)),
        };
        return variants.Where(v => v.Text != gold);
    }

    /// <summary>Drops spaces except between two letters (where "\cdot x" needs one).</summary>
    private static string RemoveSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' && i > 0 && i + 1 < text.Length && char.IsAsciiLetter(text[i - 1]) && char.IsAsciiLetter(text[i + 1]))
            {
                builder.Append(' ');
            }
            else if (text[i] != ' ')
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>\frac 34 becomes \frac{3}{4}, \sqrt2 becomes \sqrt{2}, x^2 becomes x^{2}.</summary>
    private static string BraceArguments(string text)
    {
        text = FracTwoDigits().Replace(text, "\\frac{$1}{$2}");
        text = FracDigitThenGroup().Replace(text, "\\frac{$1}{");
        text = FracGroupThenDigit().Replace(text, "\\frac{$1}{$2}");
        text = SqrtSingle().Replace(text, "\\sqrt{$1}");
        return ScriptSingle().Replace(text, "$1{$2}");
    }

    [GeneratedRegex(@"(?<=[^\s\\{(\[,])\s*([+=<>]|\\cup|\\pm)\s*(?=[^\s])")]
    private static partial Regex SpacedOperators();

    [GeneratedRegex(@"(?<=\d)(?:,\\!\s*|\{,\})(?=\d{3})")]
    private static partial Regex ThousandsSeparator();

    [GeneratedRegex(@",(?!\\!)(?!\s)(?!\})(?!\d{3}(?!\d))")]
    private static partial Regex ListComma();

    [GeneratedRegex(@"(?<!\d\s*)\\frac\{(\d+)\}\{(\d+)\}")]
    private static partial Regex NumericFraction();

    [GeneratedRegex(@"\\sqrt\{(\d)\}")]
    private static partial Regex SqrtDigit();

    [GeneratedRegex(@"(?<![\d.])\.(?=\d)")]
    private static partial Regex LeadingDot();

    [GeneratedRegex(@"\d\.\d+(?![\d}])")]
    private static partial Regex DecimalEnd();

    [GeneratedRegex(@"\\frac\s*([0-9])\s*([0-9])")]
    private static partial Regex FracTwoDigits();

    [GeneratedRegex(@"\\frac\s*([0-9])\s*\{")]
    private static partial Regex FracDigitThenGroup();

    [GeneratedRegex(@"\\frac\{([^{}]*)\}\s*([0-9])")]
    private static partial Regex FracGroupThenDigit();

    [GeneratedRegex(@"\\sqrt\s*([0-9a-zA-Z])")]
    private static partial Regex SqrtSingle();

    [GeneratedRegex(@"([\^_])([0-9a-zA-Z])")]
    private static partial Regex ScriptSingle();
}
