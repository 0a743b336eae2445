using System.ComponentModel.DataAnnotations;

namespace Verifier.Trainer.Model;

/// <summary>Size of the decoder-only policy. The vocabulary size comes from the tokenizer.</summary>
public sealed class GptOptions
{
    /// <summary>Longest sequence (prompt + completion) the position table covers.</summary>
    [Range(8, 1 << 16)]
    public int ContextLength { get; set; } = 512;

    [Range(8, 1 << 14)]
    public int Dim { get; set; } = 64;

    [Range(1, 256)]
    public int Layers { get; set; } = 2;

    [Range(1, 256)]
    public int Heads { get; set; } = 4;

    [Range(1, 16)]
    public int MlpRatio { get; set; } = 4;

    /// <summary>
    /// How the model knows token order: "alibi" (default; a per-head penalty linear in distance, so attention
    /// starts out local, which a from-scratch policy needs to find the question inside a long template) or
    /// "learned" (GPT-2's absolute position table).
    /// </summary>
    public string Position { get; set; } = "alibi";

    internal bool UsesAlibi => Position.Equals("alibi", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws when the options cannot form a model.</summary>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (!UsesAlibi && !Position.Equals("learned", StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationException($"model.position must be alibi or learned (got '{Position}').");
        }

        if (Dim % Heads != 0)
        {
            throw new ValidationException($"model.dim ({Dim}) must be a multiple of model.heads ({Heads}).");
        }
    }
}
