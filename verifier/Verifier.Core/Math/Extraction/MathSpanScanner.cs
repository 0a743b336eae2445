using Verifier.Core.Math.Budget;

namespace Verifier.Core.Math.Extraction;

/// <summary>A LaTeX math span: the whole span and its content.</summary>
internal readonly record struct MathSpan(int Start, int End, int ContentStart, int ContentEnd);

/// <summary>
/// Finds math spans in prose: $$...$$ and \[...\] (may span lines), $...$ and \(...\) (one line). A $ right
/// after a digit is a currency sign, not an opening delimiter.
/// </summary>
internal static class MathSpanScanner
{
    public static List<MathSpan> Find(string text, CheckBudget budget, int from = 0)
    {
        var spans = new List<MathSpan>();
        var i = from;
        while (i < text.Length)
        {
            budget.Tick();
            var next = text.IndexOfAny(['$', '\\'], i);
            if (next < 0)
            {
                break;
            }

            i = next;
            var c = text[i];
            var following = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c == '\\')
            {
                if (following == '(')
                {
                    i = AddSpan(spans, text, i, 2, "\\)", singleLine: true, budget);
                }
                else if (following == '[')
                {
                    i = AddSpan(spans, text, i, 2, "\\]", singleLine: false, budget);
                }
                else
                {
                    i += following is '$' or '\\' ? 2 : 1;
                }

                continue;
            }

            if (following == '$')
            {
                i = AddSpan(spans, text, i, 2, "$$", singleLine: false, budget);
                continue;
            }

            if (i > 0 && char.IsAsciiDigit(text[i - 1]))
            {
                i++;
                continue;
            }

            i = AddSpan(spans, text, i, 1, "$", singleLine: true, budget);
        }

        return spans;
    }

    /// <summary>Adds the span opened at <paramref name="start"/> if it closes; returns where scanning resumes.</summary>
    private static int AddSpan(List<MathSpan> spans, string text, int start, int openLength, string close, bool singleLine, CheckBudget budget)
    {
        var contentStart = start + openLength;
        var search = contentStart;
        while (true)
        {
            // A one-line span may not cross a line break, so the search stops there.
            var limit = text.Length;
            if (singleLine)
            {
                var lineEnd = text.IndexOf('\n', search);
                limit = lineEnd < 0 ? text.Length : lineEnd;
            }

            var end = text.IndexOf(close, search, limit - search, StringComparison.Ordinal);
            budget.TickBits(((end < 0 ? limit : end) - search) * 8L);
            if (end < 0)
            {
                return start + openLength;
            }

            // An escaped \$ inside $...$ does not close it.
            if (close == "$" && end > 0 && text[end - 1] == '\\')
            {
                search = end + 1;
                continue;
            }

            if (end == contentStart && close == "$")
            {
                return start + openLength + 1; // "$$" handled elsewhere; an empty $ $ is nothing
            }

            spans.Add(new MathSpan(start, end + close.Length, contentStart, end));
            return end + close.Length;
        }
    }

    /// <summary>The content of the last span, joined with the spans just before it when only connectors separate them.</summary>
    public static string? LastJoined(string text, IReadOnlyList<MathSpan> spans)
    {
        if (spans.Count == 0)
        {
            return null;
        }

        var last = spans.Count - 1;
        var first = last;
        while (first > 0 && ConnectorGap.IsConnector(text.AsSpan(spans[first - 1].End, spans[first].Start - spans[first - 1].End)))
        {
            first--;
        }

        return Join(text, spans, first, last);
    }

    /// <summary>The span starting at <paramref name="index"/> joined with the spans right after it by connectors.</summary>
    public static string FirstJoined(string text, IReadOnlyList<MathSpan> spans, int index)
    {
        var last = index;
        while (last + 1 < spans.Count && ConnectorGap.IsConnector(text.AsSpan(spans[last].End, spans[last + 1].Start - spans[last].End)))
        {
            last++;
        }

        return Join(text, spans, index, last);
    }

    private static string Join(string text, IReadOnlyList<MathSpan> spans, int first, int last)
    {
        if (first == last)
        {
            return text[spans[first].ContentStart..spans[first].ContentEnd].Trim();
        }

        var parts = new List<string>();
        for (var i = first; i <= last; i++)
        {
            var part = text[spans[i].ContentStart..spans[i].ContentEnd].Trim();
            if (part.Length > 0)
            {
                parts.Add(part);
            }
        }

        return string.Join(", ", parts);
    }
}
