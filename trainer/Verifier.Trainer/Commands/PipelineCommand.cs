using Verifier.Trainer.Pipeline;
using Verifier.Trainer.Rewards;

namespace Verifier.Trainer.Commands;

/// <summary>
/// pipeline --config FILE [--out DIR] [--verifier URL --api-key KEY] [--device D] [--threads N]: the R1 recipe
/// (teacher GRPO → rejection sampling → student SFT → student GRPO), resumable per stage.
/// </summary>
internal static class PipelineCommand
{
    public static async Task<int> RunAsync(CommandLine line, TextWriter output, CancellationToken cancellationToken)
    {
        var config = PipelineConfig.Load(line.Required("config", "(the pipeline's JSON config: teacher, rejection, student, student_grpo, eval)"));
        var outDir = line.String("out") ?? config.Out ?? throw new UsageException("--out DIR (or \"out\" in the config) is required.");
        config.Verifier.Url = line.String("verifier") ?? config.Verifier.Url;
        config.Verifier.ApiKey = line.String("api-key") ?? config.Verifier.ApiKey;
        foreach (var stage in new[] { config.Teacher, config.Student })
        {
            ConfigOptions.ApplyRunOverrides(line, stage);
        }

        line.EnsureAllUsed();
        var rewards = RewardSourceFactory.Create(config.Verifier);
        await using var disposeRewards = rewards.ConfigureAwait(false);
        await new R1Pipeline(config, rewards, outDir, output, TimeProvider.System).RunAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine($"summary: {Path.Combine(outDir, "summary.md")}");
        return 0;
    }
}
