using System.ComponentModel.DataAnnotations;

namespace Verifier.Trainer.Sft;

/// <summary>Supervised fine-tuning settings (the <c>sft</c> section of the config); the model and tokenizer come from the same config.</summary>
public sealed class SftOptions
{
    [Range(1, 10_000_000)]
    public int Steps { get; set; } = 300;

    /// <summary>Examples per step when padding; packed rows per step when packing.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 16;

    /// <summary>
    /// false: one example per row, right-padded, the template's shared opening computed once per batch.
    /// true: examples concatenated (EOS between them) into rows of up to model.context_length tokens; an
    /// example attends to the earlier ones in its row, as TRL's packing does without position resets.
    /// </summary>
    public bool Packing { get; set; }

    [Range(0.0, 10.0)]
    public double LearningRate { get; set; } = 1e-3;

    [Range(0.0, 10.0)]
    public double WeightDecay { get; set; } = 0.01;

    [Range(0, 1_000_000)]
    public int WarmupSteps { get; set; } = 10;

    [Range(0.0, 1.0)]
    public double MinLearningRateRatio { get; set; } = 0.1;

    [Range(0.0, 1e6)]
    public double MaxGradNorm { get; set; } = 1.0;

    /// <summary>Fraction of the examples (a seeded random subset) kept out of training for the eval loss.</summary>
    [Range(0.0, 0.9)]
    public double HeldOutFraction { get; set; } = 0.1;

    /// <summary>Steps between eval-loss measurements (and the last step); 0 turns them off.</summary>
    [Range(0, 1_000_000)]
    public int EvalEvery { get; set; } = 25;

    [Range(0, 1_000_000)]
    public int CheckpointEvery { get; set; } = 100;

    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
