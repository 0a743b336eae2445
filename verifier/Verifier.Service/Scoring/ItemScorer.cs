using System.Diagnostics;
using Verifier.Contracts;
using Verifier.Core.Format;
using Verifier.Core.Math;
using Verifier.Core.Rewards;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Scoring;

/// <summary>
/// Scores one validated item: the accuracy component (math or code), the format component, and any named
/// components, combined with the item's weights. Never throws for a bad completion; an internal failure or
/// a timeout yields null components and a verdict that says so.
/// </summary>
internal sealed class ItemScorer(
    MathVerifier math,
    ICodeScorer code,
    ScoringCatalog catalog,
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
            result = Unscored(item, index, Verdicts.Error, e.Message);
        }
        catch (Exception e)
        {
            // A bug of ours must not become a reward: the item is unknown, and the log says why.
            logger.LogError(e, "scoring item {Index} failed", index);
            result = Unscored(item, index, Verdicts.Error, "internal error while scoring");
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.ItemScored(kind, result.Verdict, elapsed);
        return result with { Detail = (result.Detail ?? new ResultDetail()) with { ElapsedMs = elapsed.TotalMilliseconds } };
    }

    public static VerifyResult Unscored(VerifyItem item, int index, string verdict, string reason) => new()
    {
        Index = index,
        Id = item.Id,
        Verdict = verdict,
        Reason = reason,
    };

    private async Task<VerifyResult> ScoreCoreAsync(VerifyItem item, int index, string isolationKey, CancellationToken cancellationToken)
    {
        var weights = item.Weights ?? new RewardWeights();
        var components = new List<RewardComponent>(4);
        string? verdict = null;
        string? reason = null;
        string? extracted = null;
        CodeDetail? codeDetail = null;
        double? accuracy = null;

        if (item.Math is { } mathSpec)
        {
            var outcome = math.Verify(item.Completion, mathSpec.Gold, mathSpec.Tolerance);
            accuracy = outcome.Correct switch { true => 1.0, false => 0.0, null => null };
            extracted = outcome.Extracted;
            reason = outcome.Reason;
            verdict = outcome.Correct switch
            {
                true => Verdicts.Correct,
                false when outcome.Extracted is null => Verdicts.NoAnswer,
                false => Verdicts.Wrong,
                null => Verdicts.Undecided,
            };
            components.Add(new("accuracy", accuracy, weights.Accuracy));
        }
        else if (item.Code is { } codeSpec)
        {
            var outcome = await code.ScoreAsync(codeSpec, item.Completion, isolationKey, cancellationToken).ConfigureAwait(false);
            accuracy = outcome.Accuracy;
            verdict = outcome.Verdict;
            reason = outcome.Reason;
            codeDetail = outcome.Detail;
            components.Add(new("accuracy", accuracy, weights.Accuracy));
        }

        double? format = null;
        string? formatReason = null;
        if (item.Format is { } formatSpec)
        {
            var options = formatSpec.ThinkInPrompt == true ? FormatOptions.R1 with { ThinkOpenedInPrompt = true } : FormatOptions.R1;
            var outcome = FormatReward.Score(item.Completion, options);
            format = outcome.Score;
            formatReason = outcome.Reason;
            verdict ??= outcome.Followed ? Verdicts.FormatOk : Verdicts.FormatError;
            components.Add(new("format", format, weights.Format));
        }

        var (named, namedReasons) = await ScoreNamedAsync(item, components, cancellationToken).ConfigureAwait(false);
        verdict ??= Verdicts.Scored;

        return new VerifyResult
        {
            Index = index,
            Id = item.Id,
            Reward = Reward.Combine(components),
            Accuracy = accuracy,
            Format = format,
            Verdict = verdict,
            Reason = reason ?? (item.Math is null && item.Code is null ? formatReason : null),
            Detail = new ResultDetail
            {
                Extracted = extracted,
                FormatReason = formatReason,
                Code = codeDetail,
                Components = named,
                ComponentReasons = namedReasons,
            },
        };
    }

    private async Task<(Dictionary<string, double?>?, Dictionary<string, string>?)> ScoreNamedAsync(
        VerifyItem item, List<RewardComponent> components, CancellationToken cancellationToken)
    {
        if (item.Rewards is not { Count: > 0 } requested)
        {
            return (null, null);
        }

        var values = new Dictionary<string, double?>(requested.Count, StringComparer.Ordinal);
        Dictionary<string, string>? reasons = null;
        var input = new RewardInput(item.Completion, item.Math?.Gold, item.Metadata);
        foreach (var (name, weight) in requested)
        {
            var score = await catalog.Components[name].ScoreAsync(input, cancellationToken).ConfigureAwait(false);
            values[name] = score.Value;
            if (score.Reason is not null)
            {
                (reasons ??= new(StringComparer.Ordinal))[name] = score.Reason;
            }

            components.Add(new(name, score.Value, weight));
        }

        return (values, reasons);
    }
}
