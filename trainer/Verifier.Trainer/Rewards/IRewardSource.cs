using Verifier.Trainer.Tasks;

namespace Verifier.Trainer.Rewards;

/// <summary>One completion to score.</summary>
/// <param name="Task">The prompt it answers, with the gold answer or tests.</param>
/// <param name="Completion">The generated text after the prompt, tags included (e.g. "&lt;think&gt;…&lt;/think&gt;&lt;answer&gt;7&lt;/answer&gt;").</param>
public sealed record RewardRequest(TaskItem Task, string Completion);

/// <summary>
/// The verifier's verdict on one completion. Each part is null when it could not be determined (timeout,
/// sandbox failure, service down): null is "unknown", never 0.
/// </summary>
/// <param name="Accuracy">1 when the answer is correct (math) or passes the tests (code), else 0.</param>
/// <param name="Format">1 when the completion has the R1 shape &lt;think&gt;…&lt;/think&gt;&lt;answer&gt;…&lt;/answer&gt;, else 0.</param>
/// <param name="Reward">The scalar the policy is trained on (R1: accuracy + format).</param>
public readonly record struct RewardScore(double? Accuracy, double? Format, double? Reward)
{
    public static RewardScore Unknown => default;
}

/// <summary>
/// Scores completions. The trainer calls it once per finished group of completions while other groups are
/// still being generated, so calls overlap each other and generation.
/// </summary>
/// <remarks>
/// Contract: returns exactly one score per request, in request order. A completion that cannot be scored
/// gets <see cref="RewardScore.Unknown"/> (or null parts) rather than an exception. An exception means the
/// whole call failed; the trainer then treats every completion in it as unknown (advantage 0) and goes on.
/// Must be safe to call concurrently.
/// </remarks>
public interface IRewardSource
{
    Task<IReadOnlyList<RewardScore>> ScoreAsync(IReadOnlyList<RewardRequest> requests, CancellationToken cancellationToken = default);
}
