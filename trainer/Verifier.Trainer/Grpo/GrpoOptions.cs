using System.ComponentModel.DataAnnotations;

namespace Verifier.Trainer.Grpo;

/// <summary>How per-sequence losses are aggregated over the batch.</summary>
public enum LossType
{
    /// <summary>DeepSeekMath GRPO: mean over each sequence's tokens, then mean over sequences.</summary>
    Grpo,

    /// <summary>Dr. GRPO: sum over all tokens divided by rows × the maximum completion length (no length bias).</summary>
    DrGrpo,

    /// <summary>DAPO: token-level mean over all tokens of the batch.</summary>
    Dapo,
}

/// <summary>How rewards are scaled into advantages.</summary>
public enum AdvantageScaling
{
    /// <summary>(r − group mean) / (group std + ε), as in DeepSeekMath and R1.</summary>
    Group,

    /// <summary>r − group mean, no division (Dr. GRPO).</summary>
    None,

    /// <summary>(r − group mean) / (std over the whole batch + ε).</summary>
    Batch,
}

/// <summary>The GRPO objective and its optimisation.</summary>
public sealed class GrpoOptions
{
    /// <summary>Completions per prompt (G).</summary>
    [Range(2, 4096)]
    public int GroupSize { get; set; } = 16;

    /// <summary>Prompts per step; a step samples PromptsPerStep × GroupSize completions.</summary>
    [Range(1, 4096)]
    public int PromptsPerStep { get; set; } = 16;

    /// <summary>Optimisation passes over each batch against the old policy's log-probs (μ).</summary>
    [Range(1, 64)]
    public int Iterations { get; set; } = 1;

    /// <summary>Gradient steps per pass; the batch is split into this many minibatches.</summary>
    [Range(1, 4096)]
    public int Minibatches { get; set; } = 1;

    [Range(0.0, 1.0)]
    public double EpsilonLow { get; set; } = 0.2;

    /// <summary>Upper clip; DAPO's clip-higher uses 0.28.</summary>
    [Range(0.0, 10.0)]
    public double EpsilonHigh { get; set; } = 0.28;

    /// <summary>
    /// KL coefficient (k3 estimator against the frozen initial policy); 0 skips the reference model. 0.01 by
    /// default: without it a from-scratch policy turns deterministic on the prompts it answers wrongly, its
    /// groups then score all alike, and it never samples the right answer again (measured: trainer/README.md).
    /// </summary>
    [Range(0.0, 100.0)]
    public double Beta { get; set; } = 0.01;

    public LossType LossType { get; set; } = LossType.Dapo;

    public AdvantageScaling Scaling { get; set; } = AdvantageScaling.Group;

    /// <summary>ε in the std division.</summary>
    [Range(0.0, 1.0)]
    public double AdvantageEpsilon { get; set; } = 1e-4;

    /// <summary>
    /// Drop completions that hit the length limit from the loss (DAPO's overlong filtering). Off by default:
    /// then a cut-off completion keeps its (low) reward and the policy learns to finish in time.
    /// </summary>
    public bool MaskTruncated { get; set; }

    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
