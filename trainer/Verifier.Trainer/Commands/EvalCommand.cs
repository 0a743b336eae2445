using System.Text.Json;
using Verifier.Trainer.Checkpoints;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Commands;

/// <summary>eval --checkpoint DIR --verifier URL --api-key KEY [--prompts N] [--samples K] [--temperature T]: pass@1 and maj@k.</summary>
internal static class EvalCommand
{
    public static async Task<int> RunAsync(CommandLine line, TextWriter output, CancellationToken cancellationToken)
    {
        var checkpoint = ConfigOptions.ResolveCheckpoint(line.Required("checkpoint", "(a checkpoint folder or a run's --out folder)"));
        var config = ConfigOptions.FromCheckpoint(checkpoint, line);
        ConfigOptions.ApplyVerifier(line, config);
        var prompts = line.Int("prompts") ?? config.Run.EvalPrompts;
        var samples = line.Int("samples") ?? config.Run.EvalSamples;
        line.EnsureAllUsed();

        var rewards = RewardSourceFactory.Create(config.Verifier);
        await using var disposeRewards = rewards.ConfigureAwait(false);
        using var setup = TrainingSetup.Create(config);
        CheckpointStore.LoadPolicy(checkpoint, setup.Policy);
        var result = await Evaluator.RunAsync(setup, rewards, prompts, samples, config.Run.Seed, cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(result, TrainerConfig.Json);
        File.WriteAllText(Path.Combine(checkpoint, "eval.json"), json);
        output.WriteLine(json);
        return 0;
    }
}
