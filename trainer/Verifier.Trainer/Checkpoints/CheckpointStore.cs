using System.Globalization;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.PyBridge;
using Verifier.Trainer.Model;
using static TorchSharp.torch;

namespace Verifier.Trainer.Checkpoints;

/// <summary>Trainer state that is not a tensor: the step and the prompt sampler's RNG.</summary>
public sealed record CheckpointState(int Step, ulong TaskRandomState, ulong ShuffleRandomState, int VocabSize, string ConfigJson);

/// <summary>
/// Checkpoints in safetensors (through TorchSharp.PyBridge): model.safetensors (the policy, loadable from
/// PyTorch), optimizer.safetensors (AdamW moments and step counts, plus the torch RNG state),
/// reference.safetensors when a KL reference is used, and state.json. Written to a temporary folder and
/// renamed, so a crash never leaves a half-written checkpoint that looks complete.
/// </summary>
public static class CheckpointStore
{
    private const string Prefix = "step_";

    public static string Save(string root, CheckpointState state, Gpt policy, AdamW optimizer, Generator generator, Gpt? reference)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(generator);
        var final = Path.Combine(root, Prefix + state.Step.ToString("D6", CultureInfo.InvariantCulture));
        var temp = final + ".tmp";
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        Directory.CreateDirectory(temp);
        policy.save_safetensors(Path.Combine(temp, "model.safetensors"));
        reference?.save_safetensors(Path.Combine(temp, "reference.safetensors"));
        using (var scope = NewDisposeScope())
        {
            var tensors = OptimizerTensors(optimizer);
            tensors["rng_state"] = generator.get_state().cpu();
            Safetensors.SaveStateDict(Path.Combine(temp, "optimizer.safetensors"), tensors);
        }

        File.WriteAllText(Path.Combine(temp, "state.json"), JsonSerializer.Serialize(state));
        if (Directory.Exists(final))
        {
            Directory.Delete(final, recursive: true);
        }

        Directory.Move(temp, final);
        return final;
    }

    /// <summary>The newest complete checkpoint under <paramref name="root"/>, or null.</summary>
    public static string? Latest(string root) =>
        !Directory.Exists(root)
            ? null
            : Directory.GetDirectories(root, Prefix + "*")
                .Where(d => !d.EndsWith(".tmp", StringComparison.Ordinal) && File.Exists(Path.Combine(d, "state.json")))
                .OrderBy(d => d, StringComparer.Ordinal)
                .LastOrDefault();

    public static CheckpointState ReadState(string directory)
    {
        var path = Path.Combine(directory, "state.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{directory} is not a checkpoint (no state.json).", path);
        }

        return JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(path))
            ?? throw new FormatException($"{path} is empty.");
    }

    public static void LoadPolicy(string directory, Gpt policy, string file = "model.safetensors")
    {
        ArgumentNullException.ThrowIfNull(policy);
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{directory} has no {file}.", path);
        }

        try
        {
            policy.load_safetensors(path, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            var o = policy.Options;
            throw new InvalidOperationException(
                $"{path} does not fit the model its config describes (dim {o.Dim}, layers {o.Layers}, heads {o.Heads}, position {o.Position}, vocab {policy.VocabSize}): {e.Message}", e);
        }
    }

    /// <summary>Restores the optimizer moments and the RNG state saved by <see cref="Save"/>.</summary>
    public static void LoadOptimizer(string directory, AdamW optimizer, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(generator);
        using var scope = NewDisposeScope();
        var saved = Safetensors.LoadStateDict(Path.Combine(directory, "optimizer.safetensors"));
        var states = optimizer.state_dict().State;
        using (no_grad())
        {
            for (var i = 0; i < states.Count; i++)
            {
                var state = (AdamW.State)states[i];
                state.exp_avg.copy_(Get(saved, $"state.{i}.exp_avg"));
                state.exp_avg_sq.copy_(Get(saved, $"state.{i}.exp_avg_sq"));
                state.step = Get(saved, $"state.{i}.step").item<long>();
            }
        }

        generator.set_state(Get(saved, "rng_state"));
    }

    private static Dictionary<string, Tensor> OptimizerTensors(AdamW optimizer)
    {
        var tensors = new Dictionary<string, Tensor>();
        var states = optimizer.state_dict().State;
        for (var i = 0; i < states.Count; i++)
        {
            var state = (AdamW.State)states[i];
            tensors[$"state.{i}.exp_avg"] = state.exp_avg.detach().cpu();
            tensors[$"state.{i}.exp_avg_sq"] = state.exp_avg_sq.detach().cpu();
            tensors[$"state.{i}.step"] = tensor(state.step);
        }

        return tensors;
    }

    private static Tensor Get(Dictionary<string, Tensor> saved, string key) =>
        saved.TryGetValue(key, out var value)
            ? value
            : throw new FormatException($"optimizer.safetensors has no '{key}': it was written for a different model.");
}
