using System.Text.Json;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Commands;

/// <summary>
/// bench [--config FILE] [--threads N] [--device D] [--rows N] [--prefix N] [--prompt-len N] [--completion N]
/// [--steps N] [--warmup N] [--generation] [--json FILE]: times the update step (see <see cref="StepBenchmark"/>).
/// </summary>
internal static class BenchCommand
{
    public static int Run(CommandLine line, TextWriter output)
    {
        var config = ConfigOptions.Load(line);
        var shape = new BenchShape(
            line.Int("rows") ?? config.Grpo.GroupSize * config.Grpo.PromptsPerStep,
            line.Int("prefix") ?? 300,
            line.Int("prompt-len") ?? 16,
            line.Int("completion") ?? config.Sampling.MaxNewTokens);
        var steps = line.Int("steps") ?? 20;
        var warmup = line.Int("warmup") ?? 3;
        var generation = line.Flag("generation");
        var jsonPath = line.String("json");
        line.EnsureAllUsed();

        using var setup = TrainingSetup.Create(config);
        var result = StepBenchmark.Run(setup, shape, warmup, steps, generation);
        var json = JsonSerializer.Serialize(result, TrainerConfig.Json);
        if (jsonPath is not null)
        {
            File.WriteAllText(jsonPath, json);
        }

        output.WriteLine(json);
        return 0;
    }
}
