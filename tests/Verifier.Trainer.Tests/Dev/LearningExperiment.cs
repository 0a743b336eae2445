using System.Text.Json;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tests.Dev;

/// <summary>
/// DEVELOPMENT ONLY: the from-scratch learning experiment, with the in-process scorer standing in for the
/// verifier. Opt-in (it takes minutes): VERIFIER_TRAINER_EXPERIMENT=path/to/config.json, output in
/// VERIFIER_TRAINER_EXPERIMENT_OUT (default /tmp/trainer-experiment).
/// </summary>
public sealed class LearningExperiment
{
    [SkippableFact]
    public async Task Experiment_FromScratch_WritesLearningCurve()
    {
        var configPath = Environment.GetEnvironmentVariable("VERIFIER_TRAINER_EXPERIMENT");
        Skip.If(string.IsNullOrEmpty(configPath), "Set VERIFIER_TRAINER_EXPERIMENT to a config file to run the learning experiment.");
        var outDir = Environment.GetEnvironmentVariable("VERIFIER_TRAINER_EXPERIMENT_OUT") ?? "/tmp/trainer-experiment";
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }

        var config = TrainerConfig.Load(configPath!);
        using var setup = TrainingSetup.Create(config);
        using var writer = new StreamWriter(Path.Combine(Directory.CreateDirectory(outDir).FullName, "console.log")) { AutoFlush = true };
        using var trainer = new GrpoTrainer(setup, new LocalArithmeticRewardSource(), outDir, writer, TimeProvider.System);
        var history = await trainer.TrainAsync(resume: false);

        var first = history.Take(10).Average(m => m.AccuracyMean ?? 0);
        var last = history.TakeLast(10).Average(m => m.AccuracyMean ?? 0);
        var summary = new { steps = history.Count, seconds = history[^1].ElapsedSeconds, first10 = first, last10 = last };
        File.WriteAllText(Path.Combine(outDir, "summary.json"), JsonSerializer.Serialize(summary));
        Assert.True(history.Count > 0);
    }
}
