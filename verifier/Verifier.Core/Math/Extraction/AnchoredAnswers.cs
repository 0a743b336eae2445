using Verifier.Core.Math.Budget;

namespace Verifier.Core.Math.Extraction;

/// <summary>Answers stated after words: "The final answer is X", "Answer: X", "the answer is X".</summary>
internal static class AnchoredAnswers
{
    private const int MaxAnchorGap = 100;
    private const int MaxAnchors = 32;

    /// <summary>The last "final answer ... is/:" statement that yields an answer.</summary>
    public static string? FinalAnswerIs(string text, CheckBudget budget)
    {
        var searchFrom = text.Length;
        for (var n = 0; n < MaxAnchors && searchFrom > 0; n++)
        {
            budget.Tick();
            var anchor = LastIndexOfIgnoringCase(text, "final answer", searchFrom, budget);
            if (anchor < 0)
            {
                return null;
            }

            searchFrom = anchor;
            var after = anchor + "final answer".Length;
            var marker = FindMarker(text, after);
            if (marker < 0)
            {
                continue;
            }

            var answer = PhraseReader.ReadAt(text, marker, budget);
            if (!string.IsNullOrWhiteSpace(answer))
            {
                return answer;
            }
        }

        return null;
    }

    /// <summary>The last "answer:" / "answer is" / "Answer $...$" statement that yields an answer.</summary>
    public static string? AnswerLabel(string text, CheckBudget budget)
    {
        var searchFrom = text.Length;
        for (var n = 0; n < MaxAnchors && searchFrom > 0; n++)
        {
            budget.Tick();
            var anchor = LastIndexOfIgnoringCase(text, "answer", searchFrom, budget);
            if (anchor < 0)
            {
                return null;
            }

            searchFrom = anchor;
            if (anchor > 0 && char.IsLetter(text[anchor - 1]))
            {
                continue;
            }

            var i = anchor + "answer".Length;
            while (i < text.Length && text[i] is ' ' or '*')
            {
                i++;
            }

            int start;
            if (i < text.Length && text[i] == ':')
            {
                start = i + 1;
            }
            else if (StartsWord(text, i, "is"))
            {
                start = i + 2;
            }
            else if (i < text.Length && (text[i] == '$' || text.AsSpan(i).StartsWith("\\[") || text.AsSpan(i).StartsWith("\\(")))
            {
                start = i;
            }
            else
            {
                continue;
            }

            var answer = PhraseReader.ReadAt(text, start, budget);
            if (!string.IsNullOrWhiteSpace(answer))
            {
                return answer;
            }
        }

        return null;
    }

    /// <summary>
    /// Last occurrence of an ASCII word before <paramref name="before"/>, any case. Finds candidates by their first
    /// letter with a vectorized search; culture-free case-insensitive search of a megabyte is far slower.
    /// </summary>
    private static int LastIndexOfIgnoringCase(string text, string word, int before, CheckBudget budget)
    {
        var lower = char.ToLowerInvariant(word[0]);
        var upper = char.ToUpperInvariant(word[0]);
        var end = System.Math.Min(before, text.Length - word.Length + 1);
        var candidates = 0;
        while (end > 0)
        {
            var index = text.AsSpan(0, end).LastIndexOfAny(lower, upper);
            if (index < 0)
            {
                return -1;
            }

            if (text.AsSpan(index, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return index;
            }

            if (++candidates % 64 == 0)
            {
                budget.Tick();
            }

            end = index;
        }

        return -1;
    }

    /// <summary>The position after the first ":" or " is " within reach of the anchor.</summary>
    private static int FindMarker(string text, int from)
    {
        var limit = System.Math.Min(text.Length, from + MaxAnchorGap);
        for (var i = from; i < limit; i++)
        {
            if (text[i] == ':')
            {
                return i + 1;
            }

            if (StartsWord(text, i, "is") && (i == 0 || !char.IsLetter(text[i - 1])))
            {
                return i + 2;
            }

            if (text[i] == '\n' && i > from + 1)
            {
                return -1;
            }
        }

        return -1;
    }

    private static bool StartsWord(string text, int at, string word) =>
        at + word.Length <= text.Length &&
        text.AsSpan(at, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase) &&
        (at + word.Length == text.Length || !char.IsLetter(text[at + word.Length]));
}
