using System.Globalization;

namespace Verifier.Trainer.Metrics;

/// <summary>One console line redrawn every step: step, reward, accuracy and speed. Plain lines when output is redirected.</summary>
public sealed class ProgressBar(TextWriter output, int totalSteps, bool interactive)
{
    private const int Width = 24;

    public void Update(StepMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var done = (int)Math.Round(Width * Math.Min(1.0, m.Step / (double)totalSteps));
        var eta = m.StepSeconds * (totalSteps - m.Step);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"step {m.Step,5}/{totalSteps} [{new string('#', done)}{new string('.', Width - done)}] reward {Fmt(m.RewardMean)} acc {Fmt(m.AccuracyMean)} len {m.CompletionLenMean,5:0.0} {m.StepSeconds:0.00}s/step {m.TokensPerSecond:0} tok/s eta {TimeSpan.FromSeconds(eta):hh\\:mm\\:ss}");
        if (interactive)
        {
            output.Write("\r" + line);
            if (m.Step >= totalSteps)
            {
                output.WriteLine();
            }
        }
        else
        {
            output.WriteLine(line);
        }

        output.Flush();
    }

    /// <summary>Prints a message on its own line without breaking the bar.</summary>
    public void Message(string text)
    {
        if (interactive)
        {
            output.Write("\r" + new string(' ', 120) + "\r");
        }

        output.WriteLine(text);
    }

    private static string Fmt(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "  n/a";
}
