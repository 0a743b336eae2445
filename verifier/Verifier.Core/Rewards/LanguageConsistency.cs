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
        var reasoning = Reasoning(completion, thinkTag);
        var (inTarget, total) = CountWords(reasoning);
        return total == 0
            ? ComponentScore.Unknown("the reasoning holds no words")
            : ComponentScore.Of((double)inTarget / total);
    }

    /// <summary>The think block's content, or the whole completion when there is none.</summary>
    private static ReadOnlySpan<char> Reasoning(string completion, string tag)
    {
        var open = completion.IndexOf($"<{tag}>", StringComparison.Ordinal);
        var close = completion.IndexOf($"</{tag}>", StringComparison.Ordinal);
        if (close < 0)
        {
            return completion;
        }

        var start = open >= 0 && open < close ? open + tag.Length + 2 : 0;
        return completion.AsSpan(start, close - start);
    }

    private (int InTarget, int Total) CountWords(ReadOnlySpan<char> text)
    {
        int inTarget = 0, total = 0;
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

            total++;
            if (script == Target)
            {
                inTarget++;
            }

            i += length;
        }

        return (inTarget, total);
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
