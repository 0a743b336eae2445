using Verifier.Trainer.Checkpoints;
using Verifier.Trainer.Configuration;

namespace Verifier.Trainer.Commands;

/// <summary>Builds a run's config: defaults, then --config FILE, then the command-line overrides.</summary>
internal static class ConfigOptions
{
    public static TrainerConfig Load(CommandLine line)
    {
        var path = line.String("config");
        var config = path is null ? new TrainerConfig() : TrainerConfig.Load(path);
        ApplyRunOverrides(line, config);
        return config;
    }

    /// <summary>The config a checkpoint was trained with, so eval and sample rebuild the same model.</summary>
    public static TrainerConfig FromCheckpoint(string checkpoint, CommandLine line)
    {
        var state = CheckpointStore.ReadState(checkpoint);
        var config = System.Text.Json.JsonSerializer.Deserialize<TrainerConfig>(state.ConfigJson, TrainerConfig.Json)
            ?? throw new FormatException($"{checkpoint}/state.json has no config.");
        ApplyRunOverrides(line, config);
        return config;
    }

    /// <summary>A checkpoint folder, or the newest checkpoint of a run's output folder.</summary>
    public static string ResolveCheckpoint(string path)
    {
        if (File.Exists(Path.Combine(path, "state.json")))
        {
            return path;
        }

        return CheckpointStore.Latest(Path.Combine(path, "checkpoints"))
            ?? throw new UsageException($"{path} is neither a checkpoint nor a run folder with checkpoints.");
    }

    /// <summary>
    /// The config for a command that starts from a checkpoint: the checkpoint's own unless --config is given, in
    /// which case its model and tokenizer must match the checkpoint's (checked when the weights are loaded).
    /// </summary>
    public static TrainerConfig ForCheckpoint(string checkpoint, CommandLine line) =>
        line.String("config") is null ? FromCheckpoint(checkpoint, line) : Load(line);

    /// <summary>--task arithmetic|FILE.jsonl (or --task-file FILE) picks the prompts.</summary>
    public static void ApplyTask(CommandLine line, TrainerConfig config)
    {
        var task = line.String("task");
        if (task is not null && task != "arithmetic")
        {
            (config.Task.Name, config.Task.Path) = ("jsonl", task);
        }
        else if (task == "arithmetic")
        {
            (config.Task.Name, config.Task.Path) = ("arithmetic", null);
        }

        if (line.String("task-file") is { } file)
        {
            (config.Task.Name, config.Task.Path) = ("jsonl", file);
        }
    }

    public static void ApplyVerifier(CommandLine line, TrainerConfig config)
    {
        config.Verifier.Url = line.String("verifier") ?? config.Verifier.Url;
        config.Verifier.ApiKey = line.String("api-key") ?? config.Verifier.ApiKey ?? Environment.GetEnvironmentVariable("VERIFIER_API_KEY");
    }

    public static void ApplyRunOverrides(CommandLine line, TrainerConfig config)
    {
        config.Run.Device = line.String("device") ?? config.Run.Device;
        config.Run.Threads = line.Int("threads") ?? config.Run.Threads;
        config.Run.Seed = line.Int("seed") ?? config.Run.Seed;
        config.Run.LibtorchDir = line.String("libtorch-dir") ?? config.Run.LibtorchDir;
        config.Sampling.Temperature = line.Double("temperature") ?? config.Sampling.Temperature;
    }
}
