using System.ComponentModel.DataAnnotations;

namespace Verifier.Trainer.Rejection;

/// <summary>Which verified samples rejection sampling keeps (correct and well-formatted ones always; these narrow it further).</summary>
public sealed class RejectionOptions
{
    /// <summary>Samples per prompt.</summary>
    [Range(1, 4096)]
    public int K { get; set; } = 8;

    /// <summary>Prompts to sample from: the first N training prompts of a JSONL task, N distinct drawn ones of arithmetic.</summary>
    [Range(1, 10_000_000)]
    public int Prompts { get; set; } = 64;

    /// <summary>Keep at most this many samples per prompt; null keeps every one that passes.</summary>
    [Range(1, 4096)]
    public int? MaxPerPrompt { get; set; }

    /// <summary>Order a prompt's kept samples by length (tokens), so <see cref="MaxPerPrompt"/> keeps the shortest.</summary>
    public bool ShortestFirst { get; set; }

    /// <summary>Keep one copy of a completion a prompt got more than once.</summary>
    public bool Dedupe { get; set; }

    /// <summary>Drop completions whose language consistency is below <see cref="MinLanguageConsistency"/>.</summary>
    public bool DropMixedLanguage { get; set; }

    [Range(0.0, 1.0)]
    public double MinLanguageConsistency { get; set; } = 1.0;

    /// <summary>Prompts generated together; each prompt's K samples are scored as soon as they finish.</summary>
    [Range(1, 4096)]
    public int BatchPrompts { get; set; } = 16;

    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
