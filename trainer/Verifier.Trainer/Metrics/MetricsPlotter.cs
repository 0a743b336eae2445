using ScottPlot;

namespace Verifier.Trainer.Metrics;

/// <summary>Renders the training curves as PNG files (headless, through SkiaSharp).</summary>
public static class MetricsPlotter
{
    private static readonly (string File, string Title, string Label, Func<StepMetrics, double?> Value)[] Curves =
    [
        ("reward.png", "Reward", "reward (mean)", m => m.RewardMean),
        ("accuracy.png", "Accuracy", "accuracy (mean)", m => m.AccuracyMean),
        ("completion_length.png", "Completion length", "tokens (mean)", m => m.CompletionLenMean),
        ("reflection_rate.png", "Reflection rate", "fraction of completions", m => m.ReflectionRate),
    ];

    /// <summary>Writes one PNG per curve into <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<StepMetrics> history, string directory)
    {
        ArgumentNullException.ThrowIfNull(history);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (file, title, label, value) in Curves)
        {
            var points = history.Where(m => value(m).HasValue).Select(m => (X: (double)m.Step, Y: value(m)!.Value)).ToArray();
            using var plot = new Plot();
            if (points.Length > 0)
            {
                var raw = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
                raw.LegendText = label;
                raw.MarkerSize = 3;
                if (points.Length >= 10)
                {
                    var smooth = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), MovingAverage(points.Select(p => p.Y).ToArray(), 10));
                    smooth.LegendText = "moving average (10)";
                    smooth.LineWidth = 2;
                }

                plot.ShowLegend(Alignment.UpperLeft);
            }

            plot.Title(title);
            plot.XLabel("step");
            plot.YLabel(label);
            var path = Path.Combine(directory, file);
            var temp = path + ".tmp.png";
            plot.SavePng(temp, 800, 500);
            File.Move(temp, path, overwrite: true);
            written.Add(path);
        }

        return written;
    }

    /// <summary>
    /// Several runs or quantities on one chart, each drawn as its moving average over <paramref name="window"/>
    /// points (1: as measured): the SFT loss curves and the cold-start comparison use it.
    /// </summary>
    public static void RenderCurves(string path, string title, string xLabel, string yLabel, IReadOnlyList<(string Label, double[] X, double[] Y)> series, int window = 1)
    {
        ArgumentNullException.ThrowIfNull(series);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var plot = new Plot();
        foreach (var (label, x, y) in series.Where(s => s.X.Length > 0))
        {
            var line = plot.Add.ScatterLine(x, window > 1 ? MovingAverage(y, window) : y);
            line.LegendText = label;
            line.LineWidth = 2;
        }

        plot.ShowLegend(Alignment.UpperLeft);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        var temp = path + ".tmp.png";
        plot.SavePng(temp, 800, 500);
        File.Move(temp, path, overwrite: true);
    }

    private static double[] MovingAverage(double[] values, int window)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var from = Math.Max(0, i - window + 1);
            result[i] = values[from..(i + 1)].Average();
        }

        return result;
    }
}
