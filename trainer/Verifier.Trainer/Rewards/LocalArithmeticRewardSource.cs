using System.Globalization;
using System.Text.RegularExpressions;

namespace Verifier.Trainer.Rewards;

/// <summary>
/// DEVELOPMENT ONLY, never used by <c>train</c> or <c>eval</c>: an in-process scorer for integer arithmetic, so the
/// <c>experiment</c> command and the trainer tests can run without the verifier service. The real rewards come
/// from the verifier through the SDK. R1 rules: format 1 for &lt;think&gt;…&lt;/think&gt;&lt;answer&gt;…&lt;/answer&gt;,
/// accuracy 1 when the answer is the gold integer, reward = accuracy + format.
/// </summary>
internal sealed partial class LocalArithmeticRewardSource : IRewardSource
{
    public int Calls;

    public Task<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardRequest> requests, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Calls);
        IReadOnlyList<RewardScore> scores = [.. requests.Select(Score)];
        return Task.FromResult(scores);
    }

    internal static RewardScore Score(RewardRequest request)
    {
        var format = Format().IsMatch(request.Completion) ? 1.0 : 0.0;
        var answer = Answer().Match(request.Completion);
        var accuracy = answer.Success
            && long.TryParse(answer.Groups[1].Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var given)
            && long.TryParse(request.Task.GoldAnswer, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var gold)
            && given == gold
                ? 1.0
                : 0.0;
        return new RewardScore(accuracy, format, accuracy + format);
    }

    [GeneratedRegex(@"^\s*<think>.*?</think>\s*<answer>.*?</answer>\s*$", RegexOptions.Singleline)]
    private static partial Regex Format();

    [GeneratedRegex(@"<answer>(.*?)</answer>", RegexOptions.Singleline)]
    private static partial Regex Answer();
}
