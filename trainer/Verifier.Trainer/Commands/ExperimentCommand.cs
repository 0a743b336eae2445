using System.Text.Json;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Commands;

/// <summary>
/// experiment --out DIR [--config FILE] [--steps N]: DEVELOPMENT ONLY. The from-scratch learning experiment on the
/// built-in arithmetic task, scored in process (<see cref="LocalRewardSource"/>) so it needs no verifier.
/// Writes what <c>train</c> writes, plus summary.json with the mean accuracy of the first and last 10 steps.
/// </summary>
/// <remarks>
/// It takes minutes and asserts nothing, so it lives here rather than in the test suite; the trainer's end-to-end
/// test (TrainingAgainstVerifierTests) is the one that asserts learning, against the real verifier.
/// </remarks>
internal static class ExperimentCommand
{
    public static async Task<int> RunAsync(CommandLine line, TextWriter output, CancellationToken cancellationToken)
    {
        var config = ConfigOptions.Load(line);
        config.Run.Steps = line.Int("steps") ?? config.Run.Steps;
        var outDir = line.Required("out", "(the folder for metrics, plots, checkpoints and summary.json)");
        line.EnsureAllUsed();
        if (config.Task.Name != "arithmetic")
        {
            throw new UsageException("The experiment scores integer arithmetic only: task.name must be \"arithmetic\".");
        }

        using var setup = TrainingSetup.Create(config);
        using var trainer = new GrpoTrainer(setup, new LocalRewardSource(), outDir, output, TimeProvider.System);
        var history = await trainer.TrainAsync(resume: false, cancellationToken).ConfigureAwait(false);
        if (history.Count == 0)
        {
            return 1;
        }

        var summary = new
        {
            steps = history.Count,
            seconds = history[^1].ElapsedSeconds,
            first10 = history.Take(10).Average(m => m.AccuracyMean ?? 0),
            last10 = history.TakeLast(10).Average(m => m.AccuracyMean ?? 0),
        };
        var json = JsonSerializer.Serialize(summary);
        File.WriteAllText(Path.Combine(outDir, "summary.json"), json);
        output.WriteLine(json);
        return 0;
    }
}
