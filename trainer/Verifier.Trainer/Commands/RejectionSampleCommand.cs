using System.Text.Json;
using Verifier.Trainer.Metrics;
using Verifier.Trainer.Rejection;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Commands;

/// <summary>
/// rejection-sample --checkpoint DIR --task arithmetic|FILE.jsonl --k K --verifier URL --api-key KEY --out FILE.jsonl
/// [--prompts N] [--max-per-prompt N] [--shortest-first] [--dedupe] [--drop-mixed-language] [--min-language-consistency X]
/// [--batch-prompts N] [--config FILE] [--temperature T]: K verified samples per prompt, the correct and formatted ones kept.
/// </summary>
internal static class RejectionSampleCommand
{
    public static async Task<int> RunAsync(CommandLine line, TextWriter output, CancellationToken cancellationToken)
    {
        var checkpoint = ConfigOptions.ResolveCheckpoint(line.Required("checkpoint", "(the policy to sample from: a checkpoint or a run's --out folder)"));
        var config = ConfigOptions.ForCheckpoint(checkpoint, line);
        ConfigOptions.ApplyTask(line, config);
        ConfigOptions.ApplyVerifier(line, config);
        var options = ReadOptions(line, new RejectionOptions());
        var outPath = line.Required("out", "(the JSONL file for the kept rows)");
        line.EnsureAllUsed();

        var rewards = RewardSourceFactory.Create(config.Verifier);
        await using var disposeRewards = rewards.ConfigureAwait(false);
        using var setup = TrainingSetup.Create(config);
        setup.LoadWeights(checkpoint);
        var summary = await new RejectionSampler(setup, rewards, options, output, TimeProvider.System).RunAsync(outPath, cancellationToken).ConfigureAwait(false);
        output.WriteLine(JsonSerializer.Serialize(summary, MetricsLog.Json));
        output.WriteLine($"kept {summary.Kept} of {summary.Samples} samples ({summary.KeptRate:P1}); {summary.PromptsCovered}/{summary.Prompts} prompts covered; " +
            $"{summary.Unknown} unknown (never kept); rows: {outPath}  summary: {RejectionSampler.SummaryPath(outPath)}");
        return summary.Kept > 0 ? 0 : 1;
    }

    /// <summary>The filter options from the command line, over <paramref name="defaults"/> (the pipeline's config section).</summary>
    public static RejectionOptions ReadOptions(CommandLine line, RejectionOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var options = new RejectionOptions
        {
            K = line.Int("k") ?? defaults.K,
            Prompts = line.Int("prompts") ?? defaults.Prompts,
            MaxPerPrompt = line.Int("max-per-prompt") ?? defaults.MaxPerPrompt,
            ShortestFirst = line.Flag("shortest-first") || defaults.ShortestFirst,
            Dedupe = line.Flag("dedupe") || defaults.Dedupe,
            DropMixedLanguage = line.Flag("drop-mixed-language") || defaults.DropMixedLanguage,
            MinLanguageConsistency = line.Double("min-language-consistency") ?? defaults.MinLanguageConsistency,
            BatchPrompts = line.Int("batch-prompts") ?? defaults.BatchPrompts,
        };
        options.Validate();
        return options;
    }
}
