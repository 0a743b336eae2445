using System.Text.Json;
using Verifier.Trainer.Metrics;

namespace Verifier.Trainer.Pipeline;

/// <summary>What a finished stage reports: its held-out pass@1 (null for a stage that makes no model) and a note.</summary>
public sealed record StageResult(string Stage, string Output, double? PassAt1, double Seconds, string Note);

/// <summary>
/// Runs a stage unless its marker file says it already finished, so a pipeline rerun after a crash or a
/// Ctrl-C skips finished stages and resumes the interrupted one (which picks up its own checkpoints).
/// The marker is written last, after the stage's outputs, and only when the stage succeeded.
/// </summary>
public sealed class StageRunner(TextWriter log, TimeProvider time)
{
    public const string MarkerFile = "stage.done.json";

    public static string MarkerPath(string stageDirectory) => Path.Combine(stageDirectory, MarkerFile);

    public async Task<StageResult> RunAsync(string name, string directory, Func<Task<(double? PassAt1, string Note)>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var marker = MarkerPath(directory);
        if (File.Exists(marker))
        {
            var done = JsonSerializer.Deserialize<StageResult>(File.ReadAllText(marker), MetricsLog.Json)
                ?? throw new FormatException($"{marker} is empty: delete it to run the stage again.");
            log.WriteLine($"pipeline: {name}: already done ({marker}), skipped");
            return done;
        }

        log.WriteLine($"pipeline: {name}: running in {directory}");
        Directory.CreateDirectory(directory);
        var started = time.GetTimestamp();
        var (passAt1, note) = await run().ConfigureAwait(false);
        var result = new StageResult(name, directory, passAt1, time.GetElapsedTime(started).TotalSeconds, note);
        var temp = marker + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(result, MetricsLog.Json));
        File.Move(temp, marker, overwrite: true);
        log.WriteLine($"pipeline: {name}: done in {result.Seconds:0.0} s{(passAt1 is { } p ? $", held-out pass@1 {p:0.000}" : string.Empty)}");
        return result;
    }
}
