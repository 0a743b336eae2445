using static TorchSharp.torch;

namespace Verifier.Trainer.Grpo;

/// <summary>The loss of one (mini)batch and the statistics logged with it.</summary>
/// <param name="Loss">Scalar to minimise.</param>
/// <param name="Kl">Masked mean of the k3 KL estimate (0 when there is no reference).</param>
/// <param name="ClipRatio">Fraction of masked tokens whose ratio was clipped in the direction that matters.</param>
public sealed record GrpoLossResult(Tensor Loss, Tensor Kl, Tensor ClipRatio);

/// <summary>
/// The GRPO objective: clipped surrogate with ε_low/ε_high (DAPO's clip-higher), plus β·KL to a frozen
/// reference with the k3 estimator exp(ref − logp) − (ref − logp) − 1, aggregated per <see cref="LossType"/>.
/// </summary>
public static class GrpoLoss
{
    /// <param name="logProbs">[rows, width] log-probs of the completion tokens under the current policy (with grad).</param>
    /// <param name="oldLogProbs">[rows, width] the same under the policy that sampled (no grad).</param>
    /// <param name="refLogProbs">[rows, width] under the reference, or null when β = 0.</param>
    /// <param name="advantages">[rows] one advantage per completion.</param>
    /// <param name="mask">[rows, width] 1 for tokens that count, 0 for padding and masked completions.</param>
    /// <param name="maxCompletionLength">Dr. GRPO's constant normaliser (the sampling length limit).</param>
    public static GrpoLossResult Compute(
        Tensor logProbs, Tensor oldLogProbs, Tensor? refLogProbs, Tensor advantages, Tensor mask, GrpoOptions options, int maxCompletionLength)
    {
        ArgumentNullException.ThrowIfNull(logProbs);
        ArgumentNullException.ThrowIfNull(oldLogProbs);
        ArgumentNullException.ThrowIfNull(advantages);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(options);

        var m = mask.to_type(logProbs.dtype);
        var adv = advantages.to_type(logProbs.dtype).unsqueeze(1);
        var ratio = (logProbs - oldLogProbs).exp();
        var clipped = ratio.clamp(1 - options.EpsilonLow, 1 + options.EpsilonHigh);
        var perToken = -minimum(ratio * adv, clipped * adv);

        Tensor kl;
        if (refLogProbs is not null && options.Beta > 0)
        {
            var delta = refLogProbs - logProbs;
            var k3 = delta.exp() - delta - 1;
            perToken = perToken + (options.Beta * k3);
            kl = MaskedMean(k3.detach(), m);
        }
        else
        {
            kl = zeros([], logProbs.dtype, logProbs.device);
        }

        var lowClipped = ratio.lt(1 - options.EpsilonLow).logical_and(adv.lt(0));
        var highClipped = ratio.gt(1 + options.EpsilonHigh).logical_and(adv.gt(0));
        var clipRatio = MaskedMean(lowClipped.logical_or(highClipped).to_type(m.dtype), m);

        var loss = options.LossType switch
        {
            LossType.Grpo => SequenceMean(perToken, m),
            LossType.DrGrpo => (perToken * m).sum() / (m.shape[0] * (double)maxCompletionLength),
            _ => (perToken * m).sum() / m.sum().clamp_min(1),
        };
        return new GrpoLossResult(loss, kl, clipRatio);
    }

    /// <summary>Mean over each row's counted tokens, then over the rows that have any.</summary>
    private static Tensor SequenceMean(Tensor perToken, Tensor mask)
    {
        var tokens = mask.sum(1);
        var perSequence = (perToken * mask).sum(1) / tokens.clamp_min(1);
        var rows = tokens.gt(0).to_type(mask.dtype).sum().clamp_min(1);
        return perSequence.sum() / rows;
    }

    private static Tensor MaskedMean(Tensor values, Tensor mask) => (values * mask).sum() / mask.sum().clamp_min(1);
}
