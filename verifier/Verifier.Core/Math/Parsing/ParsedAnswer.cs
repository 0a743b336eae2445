using System.Text;
using Verifier.Core.Math.Budget;
using Verifier.Core.Math.Extraction;

namespace Verifier.Core.Math.Parsing;

/// <summary>
/// An answer string and its parse. When "1,000" could be a number or a list, both readings are kept and a
/// match with either counts (the author wrote one string; both readings are honest interpretations of it). The same
/// holds for "16:30" (a ratio, or a time of day: <see cref="ClockTime"/>) and for an answer wholly in \text{} (the text,
/// or its content when that is plain mathematics). A time with am/pm has the one reading.
/// </summary>
internal sealed class ParsedAnswer
{
    private ParsedAnswer(string text, string normalized, IReadOnlyList<MathNode> readings, string? error)
    {
        Text = text;
        Normalized = normalized;
        Readings = readings;
        Error = error;
    }

    public string Text { get; }

    /// <summary>The text with whitespace collapsed: identical normalized texts are the same answer.</summary>
    public string Normalized { get; }

    public IReadOnlyList<MathNode> Readings { get; }

    public string? Error { get; }

    public bool IsParsed => Readings.Count > 0;

    public static ParsedAnswer Parse(string text, CheckBudget budget, int maxLength, int maxDepth)
    {
        if (text.Length > 4L * maxLength)
        {
            return new ParsedAnswer(text, string.Empty, [], $"answer longer than {maxLength} characters");
        }

        var cleaned = Clean(text, budget);
        var normalized = CollapseWhitespace(cleaned);
        if (cleaned.Length == 0)
        {
            return new ParsedAnswer(text, normalized, [], "empty answer");
        }

        if (cleaned.Length > maxLength)
        {
            return new ParsedAnswer(text, normalized, [], $"answer longer than {maxLength} characters");
        }

        // "4:30 p.m." is a time of day and nothing else; "16:30" may also be the ratio it was always read as.
        var isTime = ClockTime.TryRead(cleaned, out var time, out var marked);
        if (isTime && marked)
        {
            return new ParsedAnswer(text, normalized, [time], null);
        }

        var readings = new List<MathNode>();
        string? error = null;
        try
        {
            var primary = LatexParser.Parse(cleaned, budget, maxDepth, commaThousands: true, out var ambiguous);
            readings.Add(primary);
            if (ambiguous && TryParse(cleaned, budget, maxDepth, commaThousands: false) is { } alternative)
            {
                readings.Add(alternative);
            }

            if (primary is TextNode whollyText && TextContent(whollyText, budget, maxDepth) is { } content)
            {
                readings.Add(content);
            }
        }
        catch (ParseException e)
        {
            error = e.Message;
        }

        if (isTime)
        {
            readings.Add(time);
        }

        return new ParsedAnswer(text, normalized, readings, readings.Count > 0 ? null : error);
    }

    private static MathNode? TryParse(string text, CheckBudget budget, int maxDepth, bool commaThousands)
    {
        try
        {
            return LatexParser.Parse(text, budget, maxDepth, commaThousands, out _);
        }
        catch (ParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// An answer written wholly in \text{} ("\text{12 dozen}", "\text{3/4}") also reads as its content, when that content
    /// is mathematics with no names in it: "\text{June 5}" stays text, or it would equal the product J·u·n·e·5.
    /// </summary>
    private static MathNode? TextContent(TextNode text, CheckBudget budget, int maxDepth)
    {
        var content = TryParse(text.Text, budget, maxDepth, commaThousands: true);
        return content is null or TextNode || NodeRebuilder.Contains(content, n => n is SymbolNode or TextNode) ? null : content;
    }

    /// <summary>Strips what surrounds an answer: math delimiters, a box, a trailing period.</summary>
    private static string Clean(string text, CheckBudget budget)
    {
        var s = text.Trim();
        if (BoxScanner.ContainsBox(s))
        {
            s = BoxScanner.LastBoxed(s, budget) ?? s;
        }

        for (var round = 0; round < 4; round++)
        {
            var before = s;
            s = s.Trim().TrimEnd('.', ',', ';').Trim();
            s = Unwrap(s, "$$", "$$") ?? Unwrap(s, "$", "$") ?? Unwrap(s, "\\[", "\\]") ?? Unwrap(s, "\\(", "\\)") ?? s;
            if (s == before)
            {
                break;
            }
        }

        return s;
    }

    private static string? Unwrap(string s, string open, string close) =>
        s.Length >= open.Length + close.Length && s.StartsWith(open, StringComparison.Ordinal) && s.EndsWith(close, StringComparison.Ordinal)
            ? s[open.Length..^close.Length]
            : null;

    private static string CollapseWhitespace(string s)
    {
        var builder = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
