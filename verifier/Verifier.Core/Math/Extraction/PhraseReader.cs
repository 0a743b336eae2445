using Verifier.Core.Math.Budget;
using Verifier.Core.Math.Parsing;

namespace Verifier.Core.Math.Extraction;

/// <summary>
/// Reads the answer stated after an anchor ("final answer is", "Answer:") or inside an &lt;answer&gt; tag: a
/// math span, a box, or plain words up to the end of the sentence; prose is reduced to its number.
/// </summary>
internal static class PhraseReader
{
    private const int MaxPhraseLength = 2000;

    /// <summary>The answer stated at <paramref name="start"/>, or null.</summary>
    public static string? ReadAt(string text, int start, CheckBudget budget)
    {
        var i = start;
        while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] is '*' or ':' or '"' or '\''))
        {
            i++;
        }

        if (i >= text.Length)
        {
            return null;
        }

        if (text[i] == '$' || text.AsSpan(i).StartsWith("\\(") || text.AsSpan(i).StartsWith("\\["))
        {
            var spans = MathSpanScanner.Find(text, budget, i);
            if (spans.Count > 0 && spans[0].Start == i)
            {
                var content = MathSpanScanner.FirstJoined(text, spans, 0);
                return BoxScanner.ContainsBox(content) ? BoxScanner.LastBoxed(content, budget) : content;
            }
        }

        var end = SentenceEnd(text, i);
        var phrase = text[i..end].Trim().TrimEnd('.').Trim();
        return Reduce(phrase, budget, allowIsSplit: true);
    }

    /// <summary>Boxes, then math spans, then the words after "is", then (for prose) the number.</summary>
    public static string? Reduce(string phrase, CheckBudget budget, bool allowIsSplit)
    {
        if (!phrase.Any(char.IsLetterOrDigit))
        {
            return null;
        }

        if (BoxScanner.ContainsBox(phrase))
        {
            return BoxScanner.LastBoxed(phrase, budget);
        }

        if (allowIsSplit && IsProse(phrase))
        {
            var isAt = LastWord(phrase, "is");
            if (isAt >= 0)
            {
                return Reduce(phrase[(isAt + 2)..].Trim(), budget, allowIsSplit: false);
            }
        }

        var spans = MathSpanScanner.Find(phrase, budget);
        if (spans.Count > 0)
        {
            return MathSpanScanner.LastJoined(phrase, spans);
        }

        if (IsProse(phrase))
        {
            return NumberScanner.LastWithHedges(phrase, budget);
        }

        return phrase;
    }

    /// <summary>Several ordinary words (not units, functions or connectives) make a sentence, not an answer.</summary>
    public static bool IsProse(string phrase)
    {
        var words = 0;
        var i = 0;
        while (i < phrase.Length)
        {
            if (phrase[i] == '\\')
            {
                i++;
                while (i < phrase.Length && char.IsAsciiLetter(phrase[i]))
                {
                    i++;
                }

                continue;
            }

            if (!char.IsLetter(phrase[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < phrase.Length && char.IsLetter(phrase[i]))
            {
                i++;
            }

            if (i - start >= 3 && !LatexVocabulary.Words.ContainsKey(phrase[start..i]))
            {
                words++;
            }
        }

        return words >= 2;
    }

    /// <summary>
    /// Whether a text without math delimiters reads as a bare formula ("\frac{10}{9}", "x = 5", "W(x)=1orW(x)=-1"):
    /// no dollar signs and no free-standing word of two or more letters outside the known vocabulary.
    /// </summary>
    public static bool IsFormulaLike(string text)
    {
        if (text.Contains('$', StringComparison.Ordinal))
        {
            return false;
        }

        static bool IsBoundary(char c) => char.IsWhiteSpace(c) || c is '.' or ',' or ';' or ':' or '!' or '?' or '"';
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                i++;
                while (i < text.Length && char.IsAsciiLetter(text[i]))
                {
                    i++;
                }

                continue;
            }

            if (!char.IsLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            var bounded = (start == 0 || IsBoundary(text[start - 1])) && (i == text.Length || IsBoundary(text[i]));
            if (bounded && i - start >= 2 && !LatexVocabulary.Words.ContainsKey(text[start..i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int LastWord(string text, string word)
    {
        var index = text.Length;
        while (index > 0 && (index = text.LastIndexOf(word, index - 1, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var before = index == 0 || !char.IsLetter(text[index - 1]);
            var after = index + word.Length >= text.Length || !char.IsLetter(text[index + word.Length]);
            if (before && after)
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>End of the sentence: a line break, or a period not inside a number, or "I hope".</summary>
    private static int SentenceEnd(string text, int start)
    {
        var limit = System.Math.Min(text.Length, start + MaxPhraseLength);
        var depth = 0;
        for (var i = start; i < limit; i++)
        {
            var c = text[i];
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }

            if (depth > 0)
            {
                continue;
            }

            if (c == '\n')
            {
                return i;
            }

            if (c is '.' or '!' or '?' && (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]) || text[i + 1] == '<'))
            {
                return i;
            }

            if (c == '<' && text.AsSpan(i).StartsWith("<|"))
            {
                return i;
            }
        }

        return limit;
    }
}
