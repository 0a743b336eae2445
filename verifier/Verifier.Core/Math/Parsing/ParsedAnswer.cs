using System.Text;
using Verifier.Core.Math.Budget;
using Verifier.Core.Math.Extraction;

namespace Verifier.Core.Math.Parsing;

/// <summary>
/// An answer string and its parse. When "1,000" could be a number or a list, both readings are kept and a
/// match with either counts (the author wrote one string; both readings are honest interpretations of it).
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

        try
        {
            var primary = LatexParser.Parse(cleaned, budget, maxDepth, commaThousands: true, out var ambiguous);
            if (!ambiguous)
            {
                return new ParsedAnswer(text, normalized, [primary], null);
            }

            try
            {
                var alternative = LatexParser.Parse(cleaned, budget, maxDepth, commaThousands: false, out _);
                return new ParsedAnswer(text, normalized, [primary, alternative], null);
            }
            catch (ParseException)
            {
                return new ParsedAnswer(text, normalized, [primary], null);
            }
        }
        catch (ParseException e)
        {
            return new ParsedAnswer(text, normalized, [], e.Message);
        }
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
