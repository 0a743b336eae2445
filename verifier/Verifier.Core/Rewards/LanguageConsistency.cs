namespace Verifier.Core.Rewards;

/// <summary>
/// DeepSeek-R1's language-consistency reward: the share of the reasoning's words written in the target
/// script. Math is not language, so LaTeX commands, <c>$...$</c> spans, numbers and symbols are not words.
/// Han and Kana count one word per character, since they are written without spaces.
/// </summary>
public sealed class LanguageConsistency(string name, WritingScript target, string thinkTag = "think") : IRewardComponent
{
    public string Name { get; } = name;

    public WritingScript Target { get; } = target;

    public ValueTask<ComponentScore> ScoreAsync(RewardInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ValueTask.FromResult(Score(input.Completion));
    }

    public ComponentScore Score(string completion)
    {
        var words = WordsByScript(Reasoning(completion, thinkTag));
        var total = words.Values.Sum();
        return total == 0
            ? ComponentScore.Unknown("the reasoning holds no words")
            : ComponentScore.Of((double)words.GetValueOrDefault(Target) / total);
    }

    /// <summary>The script most of the text's words are written in (ties: the first in <see cref="WritingScript"/>'s order); null when it has no words.</summary>
    public static WritingScript? DominantScript(ReadOnlySpan<char> text)
    {
        var words = WordsByScript(text);
        return words.Count == 0 ? null : words.OrderByDescending(w => w.Value).ThenBy(w => w.Key).First().Key;
    }

    /// <summary>The think block's content, or the whole completion when there is none.</summary>
    public static ReadOnlySpan<char> Reasoning(string completion, string tag = "think")
    {
        ArgumentNullException.ThrowIfNull(completion);
        var open = completion.IndexOf($"<{tag}>", StringComparison.Ordinal);
        var close = completion.IndexOf($"</{tag}>", StringComparison.Ordinal);
        if (close < 0)
        {
            return completion;
        }

        var start = open >= 0 && open < close ? open + tag.Length + 2 : 0;
        return completion.AsSpan(start, close - start);
    }

    /// <summary>
    /// How many of the text's words each script has: runs of letters of one script, a Han or Kana character a word by
    /// itself; LaTeX commands and <c>$...$</c> spans are notation, not words.
    /// </summary>
    private static Dictionary<WritingScript, int> WordsByScript(ReadOnlySpan<char> text)
    {
        var words = new Dictionary<WritingScript, int>();
        var inMath = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '$')
            {
                inMath = !inMath;
                i++;
                continue;
            }

            if (inMath || !char.IsLetter(c))
            {
                i += c == '\\' ? SkipCommand(text, i) : 1;
                continue;
            }

            var script = WritingScripts.Of(c);
            var length = 1;
            if (!WritingScripts.IsLogographic(script))
            {
                while (i + length < text.Length && char.IsLetter(text[i + length]) && WritingScripts.Of(text[i + length]) == script)
                {
                    length++;
                }
            }

            words[script] = words.GetValueOrDefault(script) + 1;
            i += length;
        }

        return words;
    }

    /// <summary>A LaTeX command such as <c>\frac</c> is notation, not a word.</summary>
    private static int SkipCommand(ReadOnlySpan<char> text, int at)
    {
        var length = 1;
        while (at + length < text.Length && char.IsAsciiLetter(text[at + length]))
        {
            length++;
        }

        return length;
    }
}
