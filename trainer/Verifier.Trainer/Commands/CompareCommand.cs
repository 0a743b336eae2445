using System.Globalization;
using System.Text.Json;
using Verifier.Trainer.Metrics;

namespace Verifier.Trainer.Commands;

/// <summary>
/// compare --runs DIR,DIR[,...] [--labels A,B,...] [--threshold 0.7] [--window 10] --out FILE.png: the accuracy
/// curves of GRPO runs on one chart (moving average), and the first step at which each run's moving average
/// reaches the threshold (the cold-start comparison: GRPO from an SFT checkpoint against GRPO from scratch).
/// </summary>
internal static class CompareCommand
{
    public static int Run(CommandLine line, TextWriter output)
    {
        var runs = line.Required("runs", "(comma-separated run folders with metrics.jsonl)").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var labels = line.String("labels")?.Split(',', StringSplitOptions.TrimEntries) ?? [.. runs.Select(r => Path.GetFileName(r.TrimEnd('/')))];
        var threshold = line.Double("threshold") ?? 0.7;
        var window = line.Int("window") ?? 10;
        var outPath = line.Required("out", "(the PNG to write)");
        line.EnsureAllUsed();
        if (labels.Length != runs.Length)
        {
            throw new UsageException($"--labels has {labels.Length} names for {runs.Length} runs.");
        }

        var series = new List<(string, double[], double[])>();
        for (var i = 0; i < runs.Length; i++)
        {
            var history = File.ReadLines(Path.Combine(runs[i], "metrics.jsonl"))
                .Where(l => !string.IsNullOrWhiteSpace(l))
                .Select(l => JsonSerializer.Deserialize<StepMetrics>(l, MetricsLog.Json)!)
                .Where(m => m.AccuracyMean.HasValue)
                .ToArray();
            var steps = history.Select(m => (double)m.Step).ToArray();
            var accuracy = history.Select(m => m.AccuracyMean!.Value).ToArray();
            var reached = StepsToThreshold(history, threshold, window);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{labels[i]}: {history.Length} steps, accuracy first {window} steps {accuracy.Take(window).DefaultIfEmpty().Average():0.000}, last {window} {accuracy.TakeLast(window).DefaultIfEmpty().Average():0.000}, " +
                $"{window}-step mean >= {threshold} first at step {reached?.ToString(CultureInfo.InvariantCulture) ?? "never"}"));
            series.Add((labels[i], steps, accuracy));
        }

        MetricsPlotter.RenderCurves(outPath, $"Accuracy (moving average {window})", "step", "accuracy", series, window);
        output.WriteLine($"plot: {outPath}");
        return 0;
    }

    /// <summary>
    /// The first step whose trailing <paramref name="window"/>-step mean accuracy is at least <paramref name="threshold"/>.
    /// Only full windows count: one lucky first step is not "reached".
    /// </summary>
    internal static int? StepsToThreshold(IReadOnlyList<StepMetrics> history, double threshold, int window)
    {
        for (var i = window - 1; i < history.Count; i++)
        {
            if (history.Skip(i - window + 1).Take(window).Average(m => m.AccuracyMean ?? 0) >= threshold)
            {
                return history[i].Step;
            }
        }

        return null;
    }
}
