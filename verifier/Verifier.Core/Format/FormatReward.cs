namespace Verifier.Core.Format;

/// <summary>
/// R1's format reward: exactly one think block followed by exactly one answer block, with only whitespace
/// outside them. Counting every tag (not just finding one pair) is what stops a completion from earning the
/// reward with a nested or repeated block that a lazy regex would accept.
/// </summary>
public static class FormatReward
{
    public static FormatVerdict Score(string completion, FormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(completion);
        options ??= FormatOptions.R1;

        var think = new TagPair(options.ThinkTag);
        var answer = new TagPair(options.AnswerTag);
        var text = completion.AsSpan();

        var answerCheck = CheckSingle(text, answer);
        if (answerCheck is not null)
        {
            return FormatVerdict.Fail(answerCheck);
        }

        var answerOpen = text.IndexOf(answer.Open, StringComparison.Ordinal);
        var answerClose = text.IndexOf(answer.Close, StringComparison.Ordinal);
        if (answerClose < answerOpen)
        {
            return FormatVerdict.Fail($"{answer.Close} comes before {answer.Open}");
        }

        var trailing = text[(answerClose + answer.Close.Length)..];
        if (!trailing.IsWhiteSpace())
        {
            return FormatVerdict.Fail($"text after {answer.Close}");
        }

        var beforeAnswer = text[..answerOpen];
        return ScoreThink(beforeAnswer, think, answer, options);
    }

    private static FormatVerdict ScoreThink(ReadOnlySpan<char> beforeAnswer, TagPair think, TagPair answer, FormatOptions options)
    {
        var opens = Count(beforeAnswer, think.Open) + (options.ThinkOpenedInPrompt ? 1 : 0);
        var closes = Count(beforeAnswer, think.Close);
        if (opens == 0 && closes == 0)
        {
            if (options.RequireThink)
            {
                return FormatVerdict.Fail($"missing {think.Open}...{think.Close} before {answer.Open}");
            }

            return beforeAnswer.IsWhiteSpace()
                ? FormatVerdict.Pass
                : FormatVerdict.Fail($"text before {answer.Open}");
        }

        if (opens != 1 || closes != 1)
        {
            return FormatVerdict.Fail($"expected exactly one {think.Open} and one {think.Close}, found {opens} and {closes}");
        }

        var close = beforeAnswer.IndexOf(think.Close, StringComparison.Ordinal);
        if (!options.ThinkOpenedInPrompt)
        {
            var open = beforeAnswer.IndexOf(think.Open, StringComparison.Ordinal);
            if (close < open)
            {
                return FormatVerdict.Fail($"{think.Close} comes before {think.Open}");
            }

            if (!beforeAnswer[..open].IsWhiteSpace())
            {
                return FormatVerdict.Fail($"text before {think.Open}");
            }
        }

        var between = beforeAnswer[(close + think.Close.Length)..];
        return between.IsWhiteSpace()
            ? FormatVerdict.Pass
            : FormatVerdict.Fail($"text between {think.Close} and {answer.Open}");
    }

    /// <summary>Returns why the tag pair does not occur exactly once in the whole completion, or null.</summary>
    private static string? CheckSingle(ReadOnlySpan<char> text, TagPair tags)
    {
        var opens = Count(text, tags.Open);
        var closes = Count(text, tags.Close);
        if (opens == 0 && closes == 0)
        {
            return $"missing {tags.Open}...{tags.Close}";
        }

        return opens == 1 && closes == 1
            ? null
            : $"expected exactly one {tags.Open} and one {tags.Close}, found {opens} and {closes}";
    }

    private static int Count(ReadOnlySpan<char> text, string tag)
    {
        var count = 0;
        for (var at = text.IndexOf(tag, StringComparison.Ordinal); at >= 0; at = IndexAfter(text, tag, at))
        {
            count++;
        }

        return count;
    }

    private static int IndexAfter(ReadOnlySpan<char> text, string tag, int previous)
    {
        var start = previous + tag.Length;
        var next = text[start..].IndexOf(tag, StringComparison.Ordinal);
        return next < 0 ? -1 : start + next;
    }

    private readonly struct TagPair(string name)
    {
        public string Open { get; } = $"<{name}>";

        public string Close { get; } = $"</{name}>";
    }
}
