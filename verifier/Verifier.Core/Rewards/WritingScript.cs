namespace Verifier.Core.Rewards;

/// <summary>Writing systems the language-consistency reward can ask for.</summary>
public enum WritingScript
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

internal static class WritingScripts
{
    /// <summary>The script of a letter by Unicode block; Han covers CJK ideographs, Kana both syllabaries.</summary>
    public static WritingScript Of(char c) => c switch
    {
        <= '\u024F' => WritingScript.Latin,
        >= '\u1E00' and <= '\u1EFF' => WritingScript.Latin,
        >= '\u0370' and <= '\u03FF' => WritingScript.Greek,
        >= '\u0400' and <= '\u052F' => WritingScript.Cyrillic,
        >= '\u0590' and <= '\u05FF' => WritingScript.Hebrew,
        >= '\u0600' and <= '\u06FF' => WritingScript.Arabic,
        >= '\u0900' and <= '\u097F' => WritingScript.Devanagari,
        >= '\u0E00' and <= '\u0E7F' => WritingScript.Thai,
        >= '\u3040' and <= '\u30FF' => WritingScript.Kana,
        >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' => WritingScript.Han,
        >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF' => WritingScript.Hangul,
        _ => WritingScript.Other,
    };

    /// <summary>Han and Kana are written one character to a "word"; spacing scripts by runs of letters.</summary>
    public static bool IsLogographic(WritingScript script) => script is WritingScript.Han or WritingScript.Kana;
}
