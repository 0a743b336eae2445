using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Verifier.Trainer.Configuration;
using Verifier.Trainer.Rejection;

namespace Verifier.Trainer.Pipeline;

/// <summary>
/// The R1 recipe's settings, one JSON file (snake_case, unknown keys are errors): the teacher's GRPO run, the
/// rejection filter, the student (its model and SFT settings; GRPO settings for its last stage), and evaluation.
/// </summary>
public sealed class PipelineConfig
{
    /// <summary>Output folder (the command's --out wins).</summary>
    public string? Out { get; set; }

    /// <summary>The teacher trained by GRPO from scratch (R1-Zero).</summary>
    public TrainerConfig Teacher { get; set; } = new();

    public RejectionOptions Rejection { get; set; } = new() { K = 16, MaxPerPrompt = 4, ShortestFirst = true, Dedupe = false, DropMixedLanguage = true };

    /// <summary>The student: its model (any size), SFT settings (<c>sft</c>) and, for the last stage, GRPO settings.</summary>
    public TrainerConfig Student { get; set; } = new();

    public StudentGrpoOptions StudentGrpo { get; set; } = new();

    public PipelineEvalOptions Eval { get; set; } = new();

    public VerifierConfig Verifier { get; set; } = new();

    public static PipelineConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Pipeline config not found: {path}", path);
        }

        try
        {
            return JsonSerializer.Deserialize<PipelineConfig>(File.ReadAllText(path), TrainerConfig.Json)
                ?? throw new FormatException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    public void Validate()
    {
        Teacher.Validate();
        Student.Validate();
        Rejection.Validate();
        Validator.ValidateObject(StudentGrpo, new ValidationContext(StudentGrpo), validateAllProperties: true);
        Validator.ValidateObject(Eval, new ValidationContext(Eval), validateAllProperties: true);
    }
}

/// <summary>R1's last stage: GRPO on the distilled student, with the language-consistency reward added.</summary>
public sealed class StudentGrpoOptions
{
    [Range(1, 10_000_000)]
    public int Steps { get; set; } = 100;

    /// <summary>Weight of the language-consistency term added to the verifier's reward (R1 adds it with weight 1).</summary>
    [Range(0.0, 100.0)]
    public double LanguageConsistencyWeight { get; set; } = 1.0;
}

/// <summary>The held-out pass@1 measured after every model-producing stage.</summary>
public sealed class PipelineEvalOptions
{
    [Range(1, 1_000_000)]
    public int Prompts { get; set; } = 64;

    [Range(1, 1024)]
    public int Samples { get; set; } = 8;
}
