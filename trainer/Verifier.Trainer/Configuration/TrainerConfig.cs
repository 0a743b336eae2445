using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Verifier.Trainer.Grpo;
using Verifier.Trainer.Model;
using Verifier.Trainer.Sampling;
using Verifier.Trainer.Sft;
using Verifier.Trainer.Tasks;

namespace Verifier.Trainer.Configuration;

/// <summary>Everything a run is configured by; read from a JSON file with snake_case keys, then overridden by the command line.</summary>
public sealed class TrainerConfig
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public GptOptions Model { get; set; } = new();

    public TokenizerConfig Tokenizer { get; set; } = new();

    public SamplingOptions Sampling { get; set; } = new();

    public GrpoOptions Grpo { get; set; } = new();

    public OptimizerConfig Optimizer { get; set; } = new();

    public TaskConfig Task { get; set; } = new();

    public RunConfig Run { get; set; } = new();

    public VerifierConfig Verifier { get; set; } = new();

    /// <summary>Used by <c>sft</c> only.</summary>
    public SftOptions Sft { get; set; } = new();

    /// <summary>Reads a config file; unknown keys are errors so that a typo is not silently ignored.</summary>
    public static TrainerConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Config file not found: {path}", path);
        }

        try
        {
            return JsonSerializer.Deserialize<TrainerConfig>(File.ReadAllText(path), Json)
                ?? throw new FormatException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    public void Validate()
    {
        Model.Validate();
        Sampling.Validate();
        Grpo.Validate();
        Task.Arithmetic.Validate();
        Validator.ValidateObject(Optimizer, new ValidationContext(Optimizer), validateAllProperties: true);
        if (Optimizer.Schedule is not ("constant" or "cosine"))
        {
            throw new ValidationException($"optimizer.schedule must be constant or cosine (got '{Optimizer.Schedule}').");
        }

        Validator.ValidateObject(Run, new ValidationContext(Run), validateAllProperties: true);
        Validator.ValidateObject(Task, new ValidationContext(Task), validateAllProperties: true);
        Sft.Validate();
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed class TokenizerConfig
{
    /// <summary>"byte" (built in) or "bpe" (vocab.json + merges.txt).</summary>
    public string Kind { get; set; } = "byte";

    public string? BpeVocab { get; set; }

    public string? BpeMerges { get; set; }
}

public sealed class OptimizerConfig
{
    [Range(0.0, 10.0)]
    public double LearningRate { get; set; } = 3e-3;

    [Range(0.0, 10.0)]
    public double WeightDecay { get; set; }

    [Range(0.0, 1.0)]
    public double Beta1 { get; set; } = 0.9;

    [Range(0.0, 1.0)]
    public double Beta2 { get; set; } = 0.99;

    /// <summary>Steps of linear warm-up from 0 to the learning rate.</summary>
    [Range(0, 1_000_000)]
    public int WarmupSteps { get; set; } = 5;

    /// <summary>"constant" after warm-up, or "cosine" down to <see cref="MinLearningRateRatio"/> × the rate at the last step.</summary>
    public string Schedule { get; set; } = "cosine";

    [Range(0.0, 1.0)]
    public double MinLearningRateRatio { get; set; } = 0.1;

    /// <summary>Gradient-norm clip; 0 turns clipping off.</summary>
    [Range(0.0, 1e6)]
    public double MaxGradNorm { get; set; } = 1.0;
}

public sealed class TaskConfig
{
    /// <summary>"arithmetic" (built in) or "jsonl" (with <see cref="Path"/>).</summary>
    public string Name { get; set; } = "arithmetic";

    public string? Path { get; set; }

    /// <summary>"r1_zero" or "none".</summary>
    public string Template { get; set; } = "r1_zero";

    [Range(0.0, 0.9)]
    public double HeldOutFraction { get; set; } = 0.1;

    public ArithmeticTaskOptions Arithmetic { get; set; } = new();
}

public sealed class RunConfig
{
    [Range(1, 10_000_000)]
    public int Steps { get; set; } = 400;

    public int Seed { get; set; } = 1;

    /// <summary>"auto" (CUDA when present), "cpu", "cuda" or "cuda:N".</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Torch intra-op threads; 0 chooses (1 on CPU, see trainer/README.md); −1 keeps torch's own default (one per core).</summary>
    [Range(-1, 1024)]
    public int Threads { get; set; }

    /// <summary>A libtorch directory to run on instead of the bundled one (also VERIFIER_LIBTORCH_DIR).</summary>
    public string? LibtorchDir { get; set; }

    [Range(0, 1_000_000)]
    public int SampleEvery { get; set; } = 10;

    [Range(0, 1_000_000)]
    public int CheckpointEvery { get; set; } = 50;

    [Range(0, 1_000_000)]
    public int PlotEvery { get; set; } = 5;

    /// <summary>Held-out prompts used by eval.</summary>
    [Range(1, 1_000_000)]
    public int EvalPrompts { get; set; } = 64;

    /// <summary>Samples per held-out prompt for maj@k.</summary>
    [Range(1, 1024)]
    public int EvalSamples { get; set; } = 8;
}

public sealed class VerifierConfig
{
    public string? Url { get; set; }

    public string? ApiKey { get; set; }
}
