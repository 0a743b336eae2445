using System.Globalization;
using System.Text;
using Verifier.Trainer.Tokenization;

namespace Verifier.Trainer.Rewards;

/// <summary>
/// DeepSeek-R1's language-consistency measure: the fraction of the completion's words written in the target
/// language, here approximated by script (Latin, Cyrillic, Han, ...), with the target taken from the question.
/// Digits, symbols and the R1 tags are not words, so an arithmetic completion scores 1.
/// </summary>
public static class LanguageConsistency
{
    /// <summary>Writing systems told apart; enough to catch a Chinese-English mix, the case R1 reports.</summary>
    public enum Script
    {
        Latin,
        Cyrillic,
        Greek,
        Han,
        Kana,
        Hangul,
        Arabic,
        Hebrew,
        Devanagari,
        Thai,
        Other,
    }

    /// <summary>
    /// Fraction in [0, 1] of the completion's words in the question's dominant script (or, when the question
    /// has no words, the completion's own dominant script). 1 when the completion has no words.
    /// </summary>
    public static double Score(string question, string completion)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(completion);
        var words = Words(StripTags(completion)).ToArray();
        if (words.Length == 0)
        {
            return 1.0;
        }

        var target = Dominant(Words(question)) ?? Dominant(words)!.Value;
        return words.Count(w => w == target) / (double)words.Length;
    }

    /// <summary>The script of each word: a run of letters, with a Han/Kana character counting as a word by itself (those languages put no spaces).</summary>
    internal static IEnumerable<Script> Words(string text)
    {
        Script? current = null;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune))
            {
                if (current is { } ended)
                {
                    yield return ended;
                }

                current = null;
                continue;
            }

            var script = Classify(rune);
            if (script is Script.Han or Script.Kana)
            {
                if (current is { } before)
                {
                    yield return before;
                }

                current = null;
                yield return script;
                continue;
            }

            if (current is { } previous && previous != script)
            {
                yield return previous;
            }

            current = script;
        }

        if (current is { } last)
        {
            yield return last;
        }
    }

    private static Script? Dominant(IEnumerable<Script> words) =>
        words.GroupBy(w => w).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => (Script?)g.Key).FirstOrDefault();

    private static string StripTags(string completion)
    {
        foreach (var tag in SpecialTokens.Tags)
        {
            completion = completion.Replace(tag, " ", StringComparison.Ordinal);
        }

        return completion;
    }

    private static Script Classify(Rune rune)
    {
        var v = rune.Value;
        return v switch
        {
            < 0x0250 => Script.Latin,
            >= 0x1E00 and < 0x1F00 => Script.Latin,
            >= 0x0370 and < 0x0400 => Script.Greek,
            >= 0x0400 and < 0x0530 => Script.Cyrillic,
            >= 0x0590 and < 0x0600 => Script.Hebrew,
            >= 0x0600 and < 0x0780 => Script.Arabic,
            >= 0x0900 and < 0x0980 => Script.Devanagari,
            >= 0x0E00 and < 0x0E80 => Script.Thai,
            >= 0x3040 and < 0x3100 => Script.Kana,
            >= 0x1100 and < 0x1200 or >= 0xAC00 and < 0xD7B0 => Script.Hangul,
            >= 0x3400 and < 0xA000 or >= 0xF900 and < 0xFB00 or >= 0x20000 and < 0x30000 => Script.Han,
            _ => Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherLetter ? Script.Other : Script.Latin,
        };
    }
}
