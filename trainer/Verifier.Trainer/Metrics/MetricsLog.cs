using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verifier.Trainer.Metrics;

/// <summary>Appends one JSON line per step to metrics.jsonl and keeps the history for plotting.</summary>
public sealed class MetricsLog
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly List<StepMetrics> _history = [];

    public MetricsLog(string path, int keepUpToStep)
    {
        Path = path;
        if (!File.Exists(path))
        {
            return;
        }

        // On resume the steps after the checkpoint are run again, so their old lines are dropped.
        var kept = new List<string>();
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var metrics = JsonSerializer.Deserialize<StepMetrics>(line, Json);
            if (metrics is not null && metrics.Step <= keepUpToStep)
            {
                _history.Add(metrics);
                kept.Add(line);
            }
        }

        File.WriteAllLines(path, kept);
    }

    public string Path { get; }

    public IReadOnlyList<StepMetrics> History => _history;

    public void Append(StepMetrics metrics)
    {
        _history.Add(metrics);
        File.AppendAllText(Path, JsonSerializer.Serialize(metrics, Json) + "\n");
    }
}
