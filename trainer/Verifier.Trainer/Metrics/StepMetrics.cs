namespace Verifier.Trainer.Metrics;

/// <summary>One line of metrics.jsonl. Means are over completions with a known value; null when none had one.</summary>
public sealed record StepMetrics
{
    public int Step { get; init; }

    public double? RewardMean { get; init; }

    public double? RewardStd { get; init; }

    public double? AccuracyMean { get; init; }

    public double? FormatMean { get; init; }

    /// <summary>Fraction of completions the verifier could not score (reward null, advantage 0).</summary>
    public double RewardUnknownFraction { get; init; }

    public double CompletionLenMean { get; init; }

    public double TruncatedFraction { get; init; }

    /// <summary>Fraction of completions whose reasoning re-examines itself (see <see cref="ReflectionDetector"/>).</summary>
    public double ReflectionRate { get; init; }

    public double Kl { get; init; }

    public double ClipRatio { get; init; }

    public double Entropy { get; init; }

    public double GradNorm { get; init; }

    public double Lr { get; init; }

    public double Loss { get; init; }

    public double GenerationSeconds { get; init; }

    /// <summary>Time spent waiting for rewards after generation ended (scoring overlaps generation).</summary>
    public double RewardSeconds { get; init; }

    public double UpdateSeconds { get; init; }

    public double StepSeconds { get; init; }

    /// <summary>Completion tokens generated per second of the whole step.</summary>
    public double TokensPerSecond { get; init; }

    public double ElapsedSeconds { get; init; }
}
