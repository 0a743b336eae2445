using System.Text;
using System.Text.RegularExpressions;

namespace Verifier.Core.Math.Parsing;

/// <summary>
/// Reads a whole answer as a time of day: "4:30 p.m.", "\text{4:30 p.m.}", "4:30 \text{ p.m.}", "4:30pm", "16:30".
/// The clock-time rule: h:mm with two-digit minutes (00-59), optionally followed by am/pm (a.m., p.m., any case).
/// With am/pm the hour must be 1-12 and the time is certain (12 a.m. is 0:00); without it, 0:mm and 13:mm-23:mm are
/// 24-hour times and certain, while 1:mm-12:mm could be morning or afternoon and stay so (see
/// <c>Equivalence.ClockTimes</c>: such a time never equals a certain one, it is undecided against it).
/// </summary>
internal static partial class ClockTime
{
    private static readonly string[] Wrappers = ["\\textnormal", "\\textrm", "\\mathrm", "\\text", "\\mbox", "\\rm"];

    /// <summary>The time <paramref name="text"/> states, and whether it names the half of the day (am/pm).</summary>
    public static bool TryRead(string text, out ClockTimeNode time, out bool marked)
    {
        time = null!;
        marked = false;
        if (text.Length > 64 || text.IndexOf(':', StringComparison.Ordinal) < 0)
        {
            return false;
        }

        var match = TimePattern().Match(Unwrapped(text));
        if (!match.Success)
        {
            return false;
        }

        var hour = int.Parse(match.Groups["hour"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["minute"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
        var half = match.Groups["half"];
        if (half.Success)
        {
            if (hour is < 1 or > 12)
            {
                return false; // "16:30 p.m." contradicts itself
            }

            marked = true;
            var afternoon = half.ValueSpan[0] is 'p' or 'P';
            time = new ClockTimeNode((hour % 12) + (afternoon ? 12 : 0), minute, halfDayKnown: true);
            return true;
        }

        if (hour > 23)
        {
            return false;
        }

        time = new ClockTimeNode(hour, minute, halfDayKnown: hour is 0 or > 12);
        return true;
    }

    /// <summary>The text without \text{...}-style wrappers, braces, math delimiters and TeX spaces.</summary>
    private static string Unwrapped(string text)
    {
        var builder = new StringBuilder(text);
        foreach (var wrapper in Wrappers)
        {
            builder.Replace(wrapper, " ");
        }

        foreach (var space in (ReadOnlySpan<string>)["\\,", "\\;", "\\:", "\\!", "\\ ", "~", "{", "}", "$"])
        {
            builder.Replace(space, " ");
        }

        return builder.ToString().Trim();
    }

    [GeneratedRegex(@"^(?<hour>\d{1,2})\s*:\s*(?<minute>[0-5]\d)(\s*(?<half>[aApP])\.?\s*[mM]\.?)?$")]
    private static partial Regex TimePattern();
}
