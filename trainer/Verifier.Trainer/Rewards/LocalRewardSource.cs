using Verifier.Core.Math;
using Verifier.Core.Rewards;
using Verifier.Core.Scoring;
using Verifier.Trainer.Tasks;

namespace Verifier.Trainer.Rewards;

/// <summary>
/// DEVELOPMENT ONLY, never used by <c>train</c> or <c>eval</c>: the verifier's own scoring policy run in process, so
/// the <c>experiment</c> command and the trainer's tests need no service. Each request becomes the very item
/// <see cref="VerifierRewardSource"/> would send, scored by the same <see cref="ScoringPolicy"/>, so a local reward is
/// the service's reward. Code tasks need the sandbox, which only the service has.
/// </summary>
internal sealed class LocalRewardSource : IRewardSource
{
    private readonly ScoringPolicy _policy = new(new MathVerifier(), RewardCatalog.Empty);

    public int Calls;

    public async Task<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        Interlocked.Increment(ref Calls);
        var scores = new RewardScore[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i].Task.Kind == TaskKind.Code)
            {
                throw new NotSupportedException("code tasks are scored in the verifier's sandbox: train against the service (--verifier URL)");
            }

            var result = await _policy.ScoreAsync(VerifierRewardSource.ToItem(requests[i]), i, code: null, cancellationToken).ConfigureAwait(false);
            scores[i] = new RewardScore(result.Accuracy, result.Format, result.Reward);
        }

        return scores;
    }
}
