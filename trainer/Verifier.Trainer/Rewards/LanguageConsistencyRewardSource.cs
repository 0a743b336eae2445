namespace Verifier.Trainer.Rewards;

/// <summary>
/// R1's final-stage reward: the verifier's reward plus <paramref name="weight"/> × the language consistency of
/// the completion (<see cref="LanguageConsistency"/>). An unknown reward stays unknown: consistency alone is
/// not a verdict on the answer.
/// </summary>
public sealed class LanguageConsistencyRewardSource(IRewardSource inner, double weight) : IRewardSource
{
    public async Task<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var scores = await inner.ScoreAsync(requests, cancellationToken).ConfigureAwait(false);
        return [.. scores.Select((score, i) => score.Reward is { } reward
            ? score with { Reward = reward + (weight * LanguageConsistency.Score(requests[i].Task.Question, requests[i].Completion)) }
            : score)];
    }
}
