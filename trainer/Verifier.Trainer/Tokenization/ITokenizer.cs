namespace Verifier.Trainer.Tokenization;

/// <summary>Text to token ids and back, with the special tokens the trainer relies on.</summary>
public interface ITokenizer
{
    /// <summary>Number of ids the policy's embedding and output layers must cover.</summary>
    int VocabSize { get; }

    /// <summary>Padding; never sampled, never attended to.</summary>
    int PadId { get; }

    /// <summary>End of sequence: sampling stops here.</summary>
    int EosId { get; }

    /// <summary>Ids of &lt;think&gt;, &lt;/think&gt;, &lt;answer&gt; and &lt;/answer&gt;.</summary>
    SpecialTokenIds Tags { get; }

    /// <summary>Encodes text; the tag strings become their special ids.</summary>
    int[] Encode(string text);

    /// <summary>Decodes ids; tags become their strings, padding and EOS are dropped.</summary>
    string Decode(IEnumerable<int> ids);
}

/// <summary>The special ids of the R1 tags.</summary>
public sealed record SpecialTokenIds(int ThinkOpen, int ThinkClose, int AnswerOpen, int AnswerClose);

/// <summary>The special token strings and how text splits around them.</summary>
public static class SpecialTokens
{
    public const string ThinkOpen = "<think>";
    public const string ThinkClose = "</think>";
    public const string AnswerOpen = "<answer>";
    public const string AnswerClose = "</answer>";

    /// <summary>Tags in the order of their ids, after padding and EOS.</summary>
    public static IReadOnlyList<string> Tags { get; } = [ThinkOpen, ThinkClose, AnswerOpen, AnswerClose];

    /// <summary>Splits text into (piece, tagIndex) runs; tagIndex is -1 for plain text.</summary>
    public static IEnumerable<(string Piece, int TagIndex)> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var tag = text[i] == '<' ? MatchTag(text, i) : -1;
            if (tag < 0)
            {
                i++;
                continue;
            }

            if (i > start)
            {
                yield return (text[start..i], -1);
            }

            yield return (Tags[tag], tag);
            i += Tags[tag].Length;
            start = i;
        }

        if (start < text.Length)
        {
            yield return (text[start..], -1);
        }
    }

    private static int MatchTag(string text, int at)
    {
        for (var t = 0; t < Tags.Count; t++)
        {
            if (string.CompareOrdinal(text, at, Tags[t], 0, Tags[t].Length) == 0)
            {
                return t;
            }
        }

        return -1;
    }
}
