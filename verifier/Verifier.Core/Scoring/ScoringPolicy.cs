using Verifier.Contracts;
using Verifier.Core.Format;
using Verifier.Core.Math;
using Verifier.Core.Rewards;

namespace Verifier.Core.Scoring;

/// <summary>
/// The one scoring policy: how an item's parts (accuracy from math or code, format, named components) are scored,
/// weighted and combined, and which verdict and null rules apply. The service scores every item with it and the
/// CLI's local grader does too, so a remote and a local grade of the same line agree by construction.
/// </summary>
public sealed class ScoringPolicy(MathVerifier math, RewardCatalog components)
{
    /// <summary>Scores one validated item. A code item's accuracy comes from the sandbox, run by the caller.</summary>
    /// <param name="code">The sandbox's outcome; required exactly when the item has a code part.</param>
    public async ValueTask<VerifyResult> ScoreAsync(VerifyItem item, int index, CodeOutcome? code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if ((item.Code is null) != (code is null))
        {
            throw new ArgumentException("a code item needs the sandbox's outcome, and only a code item has one", nameof(code));
        }

        var weights = item.Weights ?? new RewardWeights();
        var parts = new List<RewardComponent>(4);
        Accuracy? accuracy = item.Math is { } spec ? ScoreMath(spec, item.Completion) : code is not null ? FromCode(code) : null;
        if (accuracy is { } scored)
        {
            parts.Add(new("accuracy", scored.Value, weights.Accuracy));
        }

        FormatVerdict? format = null;
        if (item.Format is { } formatSpec)
        {
            format = FormatReward.Score(item.Completion, formatSpec.ThinkInPrompt == true ? FormatOptions.R1 with { ThinkOpenedInPrompt = true } : FormatOptions.R1);
            parts.Add(new("format", format.Score, weights.Format));
        }

        var (named, namedReasons) = await ScoreNamedAsync(item, parts, cancellationToken).ConfigureAwait(false);
        return new VerifyResult
        {
            Index = index,
            Id = item.Id,
            Reward = Reward.Combine(parts),
            Accuracy = accuracy?.Value,
            Format = format?.Score,
            Verdict = accuracy?.Verdict ?? (format is null ? Verdicts.Scored : format.Followed ? Verdicts.FormatOk : Verdicts.FormatError),
            Reason = accuracy is null ? format?.Reason : accuracy.Value.Reason,
            Detail = new ResultDetail
            {
                Extracted = accuracy?.Extracted,
                FormatReason = format?.Reason,
                Code = code?.Detail,
                Components = named,
                ComponentReasons = namedReasons,
            },
        };
    }

    /// <summary>An item the service could not score: every part unknown, so the reward is null, never 0.</summary>
    public static VerifyResult Unscored(VerifyItem item, int index, string verdict, string reason)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new() { Index = index, Id = item.Id, Verdict = verdict, Reason = reason };
    }

    /// <summary>The answer is right (1), wrong or missing (0), or could not be decided (null).</summary>
    private Accuracy ScoreMath(MathSpec spec, string completion)
    {
        var verdict = spec.Extract == MathExtraction.Answer
            ? math.CompareAnswers(spec.Gold, completion, spec.Tolerance)
            : math.Verify(completion, spec.Gold, spec.Tolerance);
        return new Accuracy(
            verdict.Correct switch { true => 1.0, false => 0.0, null => null },
            verdict.Correct switch
            {
                true => Verdicts.Correct,
                false when verdict.Extracted is null => Verdicts.NoAnswer,
                false => Verdicts.Wrong,
                null => Verdicts.Undecided,
            },
            verdict.Reason,
            verdict.Extracted);
    }

    private static Accuracy FromCode(CodeOutcome code) => new(code.Accuracy, code.Verdict, code.Reason, Extracted: null);

    private async ValueTask<(Dictionary<string, double?>?, Dictionary<string, string>?)> ScoreNamedAsync(
        VerifyItem item, List<RewardComponent> parts, CancellationToken cancellationToken)
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
            var score = await components[name].ScoreAsync(input, cancellationToken).ConfigureAwait(false);
            values[name] = score.Value;
            if (score.Reason is not null)
            {
                (reasons ??= new(StringComparer.Ordinal))[name] = score.Reason;
            }

            parts.Add(new(name, score.Value, weight));
        }

        return (values, reasons);
    }

    private readonly record struct Accuracy(double? Value, string Verdict, string? Reason, string? Extracted);
}
