using System.Text.RegularExpressions;

namespace Verifier.Trainer.Metrics;

/// <summary>
/// Flags completions whose reasoning re-examines itself: a phrase such as "wait", "let me re-check",
/// "verify", or an intermediate result that changes (two "= x" with different x inside &lt;think&gt;).
/// Logged as reflection_rate, the "aha moment" signature next to completion length.
/// </summary>
public static partial class ReflectionDetector
{
    public static bool IsReflective(string completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var thinking = ThinkPart(completion);
        if (Phrases().IsMatch(thinking))
        {
            return true;
        }

        var results = Results().Matches(thinking).Select(m => m.Groups[1].Value).Distinct().Count();
        return results > 1;
    }

    private static string ThinkPart(string completion)
    {
        var start = completion.IndexOf("<think>", StringComparison.Ordinal);
        var end = completion.IndexOf("</think>", StringComparison.Ordinal);
        if (start >= 0 && end > start)
        {
            return completion[(start + 7)..end];
        }

        return start >= 0 ? completion[(start + 7)..] : completion;
    }

    [GeneratedRegex(@"\b(wait|re-?check(ing)?|re-?examin\w*|re-?evaluat\w*|double[- ]check\w*|let me (check|verify|recalculate|reconsider)|verify\w*|mistake|actually)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Phrases();

    [GeneratedRegex(@"=\s*(-?\d+(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex Results();
}
