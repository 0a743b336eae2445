using System.Text.Json;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Model;

namespace Verifier.Trainer.Checkpoints;

/// <summary>
/// Refuses a checkpoint whose model or tokenizer differs from the run's before any weight is touched, so that
/// <c>--init</c> or <c>--checkpoint</c> with the wrong folder fails with the two shapes side by side instead of
/// a tensor-size error from deep inside the safetensors loader.
/// </summary>
public static class CheckpointCompatibility
{
    /// <summary>Throws <see cref="InvalidOperationException"/> when <paramref name="checkpoint"/> cannot initialise a model built from <paramref name="config"/>.</summary>
    public static void EnsureMatches(string checkpoint, TrainerConfig config, int vocabSize)
    {
        ArgumentNullException.ThrowIfNull(config);
        var state = CheckpointStore.ReadState(checkpoint);
        var saved = JsonSerializer.Deserialize<TrainerConfig>(state.ConfigJson, TrainerConfig.Json)
            ?? throw new FormatException($"{checkpoint}/state.json has no config.");
        var differences = new List<string>();
        Compare(differences, "model.dim", saved.Model.Dim, config.Model.Dim);
        Compare(differences, "model.layers", saved.Model.Layers, config.Model.Layers);
        Compare(differences, "model.heads", saved.Model.Heads, config.Model.Heads);
        Compare(differences, "model.mlp_ratio", saved.Model.MlpRatio, config.Model.MlpRatio);
        Compare(differences, "model.position", saved.Model.Position.ToLowerInvariant(), config.Model.Position.ToLowerInvariant());
        if (!config.Model.UsesAlibi)
        {
            // Learned positions make the context length a weight shape; ALiBi has no position table.
            Compare(differences, "model.context_length", saved.Model.ContextLength, config.Model.ContextLength);
        }

        Compare(differences, "tokenizer.kind", saved.Tokenizer.Kind.ToLowerInvariant(), config.Tokenizer.Kind.ToLowerInvariant());
        Compare(differences, "vocabulary size", state.VocabSize, vocabSize);
        if (differences.Count > 0)
        {
            throw new InvalidOperationException(
                $"{checkpoint} is a different model from this run's: {string.Join("; ", differences)}. " +
                "Use a checkpoint of the same size and tokenizer, or leave --config out so the checkpoint's own model settings are used.");
        }
    }

    /// <summary>A short description of a model's shape, for logs and messages.</summary>
    public static string Describe(GptOptions model, string tokenizer) =>
        $"dim {model.Dim}, layers {model.Layers}, heads {model.Heads}, {model.Position} positions, {tokenizer} tokenizer";

    private static void Compare<T>(List<string> differences, string name, T inCheckpoint, T inRun)
    {
        if (!EqualityComparer<T>.Default.Equals(inCheckpoint, inRun))
        {
            differences.Add($"{name} {inCheckpoint} in the checkpoint, {inRun} in this run");
        }
    }
}
