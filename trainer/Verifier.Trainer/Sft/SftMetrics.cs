using System.Text.Json;
using Verifier.Trainer.Metrics;

namespace Verifier.Trainer.Sft;

/// <summary>One line of an SFT run's metrics.jsonl.</summary>
public sealed record SftMetrics
{
    public int Step { get; init; }

    /// <summary>Mean cross-entropy per completion token of this step's batch.</summary>
    public double Loss { get; init; }

    /// <summary>The same on the held-out split; only on evaluation steps.</summary>
    public double? EvalLoss { get; init; }

    public double Lr { get; init; }

    public double GradNorm { get; init; }

    /// <summary>Completion tokens that were targets this step.</summary>
    public long TargetTokens { get; init; }

    public double TokensPerSecond { get; init; }

    public double StepSeconds { get; init; }

    public double ElapsedSeconds { get; init; }
}

/// <summary>metrics.jsonl of an SFT run; on resume the lines after the checkpoint are dropped, as in <see cref="MetricsLog"/>.</summary>
public sealed class SftMetricsLog
{
    private readonly List<SftMetrics> _history = [];
    private readonly string _path;

    public SftMetricsLog(string path, int keepUpToStep)
    {
        _path = path;
        if (!File.Exists(path))
        {
            return;
        }

        var kept = new List<string>();
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            if (JsonSerializer.Deserialize<SftMetrics>(line, MetricsLog.Json) is { } metrics && metrics.Step <= keepUpToStep)
            {
                _history.Add(metrics);
                kept.Add(line);
            }
        }

        File.WriteAllLines(path, kept);
    }

    public IReadOnlyList<SftMetrics> History => _history;

    public void Append(SftMetrics metrics)
    {
        _history.Add(metrics);
        File.AppendAllText(_path, JsonSerializer.Serialize(metrics, MetricsLog.Json) + "\n");
    }

    /// <summary>plots/loss.png: the training loss (smoothed) and the held-out loss.</summary>
    public void Plot(string directory)
    {
        var train = _history.Select(m => (X: (double)m.Step, Y: m.Loss)).ToArray();
        var eval = _history.Where(m => m.EvalLoss.HasValue).Select(m => (X: (double)m.Step, Y: m.EvalLoss!.Value)).ToArray();
        MetricsPlotter.RenderCurves(
            Path.Combine(directory, "loss.png"),
            "SFT loss (completion tokens)",
            "step",
            "cross-entropy per token",
            [
                ("train (moving average 10)", [.. train.Select(p => p.X)], Smooth([.. train.Select(p => p.Y)])),
                ("held out", [.. eval.Select(p => p.X)], [.. eval.Select(p => p.Y)]),
            ]);
    }

    private static double[] Smooth(double[] values) =>
        [.. values.Select((_, i) => values[Math.Max(0, i - 9)..(i + 1)].Average())];
}
