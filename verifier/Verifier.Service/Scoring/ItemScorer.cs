using System.Diagnostics;
using Verifier.Contracts;
using Verifier.Core.Scoring;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Scoring;

/// <summary>
/// Scores one validated item with the scoring policy, running its code in the sandbox first, and records the
/// item's metrics. Never throws for a bad completion; an internal failure yields null components and a verdict
/// that says so.
/// </summary>
internal sealed class ItemScorer(
    ScoringPolicy policy,
    ICodeScorer code,
    VerifierMetrics metrics,
    ILogger<ItemScorer> logger)
{
    public bool NeedsSandbox(VerifyItem item) => item.Code is not null;

    public async Task<VerifyResult> ScoreAsync(VerifyItem item, int index, string isolationKey, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var kind = item.Code is not null ? "code" : item.Math is not null ? "math" : "format";
        VerifyResult result;
        try
        {
            result = await ScoreCoreAsync(item, index, isolationKey, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Verifier.Sandbox.CodeRequestException e)
        {
            // The sandbox refused what validation let through: say so, but score nothing.
            result = ScoringPolicy.Unscored(item, index, Verdicts.Error, e.Message);
        }
        catch (Exception e)
        {
            // A bug of ours must not become a reward: the item is unknown, and the log says why.
            logger.LogError(e, "scoring item {Index} failed", index);
            result = ScoringPolicy.Unscored(item, index, Verdicts.Error, "internal error while scoring");
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.ItemScored(kind, result.Verdict, elapsed);
        return result with { Detail = (result.Detail ?? new ResultDetail()) with { ElapsedMs = elapsed.TotalMilliseconds } };
    }

    private async Task<VerifyResult> ScoreCoreAsync(VerifyItem item, int index, string isolationKey, CancellationToken cancellationToken)
    {
        var outcome = item.Code is { } spec
            ? await code.ScoreAsync(spec, item.Completion, isolationKey, cancellationToken).ConfigureAwait(false)
            : null;
        return await policy.ScoreAsync(item, index, outcome, cancellationToken).ConfigureAwait(false);
    }
}
