using Verifier.Trainer.Rewards;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Commands;

/// <summary>train --task arithmetic|FILE.jsonl --verifier URL --api-key KEY --out DIR [--config FILE] [--steps N] [--resume] [--init CHECKPOINT].</summary>
internal static class TrainCommand
{
    public static async Task<int> RunAsync(CommandLine line, TextWriter output, CancellationToken cancellationToken)
    {
        // --init without --config starts from the checkpoint's own config (model, tokenizer, task, GRPO settings).
        var init = line.String("init") is { } initPath ? ConfigOptions.ResolveCheckpoint(initPath) : null;
        var config = init is null ? ConfigOptions.Load(line) : ConfigOptions.ForCheckpoint(init, line);
        ConfigOptions.ApplyTask(line, config);
        config.Run.Steps = line.Int("steps") ?? config.Run.Steps;
        ConfigOptions.ApplyVerifier(line, config);
        var outDir = line.Required("out", "(the folder for metrics, plots and checkpoints)");
        var resume = line.Flag("resume");
        line.EnsureAllUsed();

        var rewards = RewardSourceFactory.Create(config.Verifier);
        await using var disposeRewards = rewards.ConfigureAwait(false);
        using var setup = TrainingSetup.Create(config);
        if (init is not null)
        {
            // Before the trainer is built, so its KL reference is the initial policy (R1's cold-started GRPO).
            setup.LoadWeights(init);
        }

        using var trainer = new GrpoTrainer(setup, rewards, outDir, output, TimeProvider.System);
        var history = await trainer.TrainAsync(resume, cancellationToken).ConfigureAwait(false);
        if (history.Count > 0)
        {
            var last = history.TakeLast(10).ToArray();
            output.WriteLine($"done: {history[^1].Step} steps in {history[^1].ElapsedSeconds:0.0} s; last {last.Length} steps: accuracy {last.Average(m => m.AccuracyMean ?? 0):0.000}, reward {last.Average(m => m.RewardMean ?? 0):0.000}");
        }

        output.WriteLine($"metrics: {Path.Combine(outDir, "metrics.jsonl")}  plots: {Path.Combine(outDir, "plots")}  checkpoints: {trainer.CheckpointDirectory}");
        return 0;
    }
}
