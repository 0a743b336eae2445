using TorchSharp;
using TorchSharp.Modules;
using Verifier.Trainer.Grpo;
using Verifier.Trainer.Model;
using Verifier.Trainer.Sampling;
using static TorchSharp.torch;

namespace Verifier.Trainer.Training;

/// <summary>Statistics of one policy update, averaged over its gradient steps.</summary>
public sealed record UpdateStats(double Loss, double Kl, double ClipRatio, double Entropy, double GradNorm);

/// <summary>
/// The GRPO update of one batch: μ passes, each split into minibatches, each a clipped-surrogate loss
/// against the log-probs of the policy that sampled (and β·KL against the frozen reference when β &gt; 0),
/// then gradient clipping and an AdamW step.
/// </summary>
public sealed class PolicyUpdate(Gpt policy, Gpt? reference, AdamW optimizer, GrpoOptions grpo, double maxGradNorm, FormatGuide? guide, double temperature, int maxCompletionLength)
{
    /// <param name="batch">The sampled completions.</param>
    /// <param name="advantages">One per row.</param>
    /// <param name="lossMask">[rows, width] which tokens count (padding, masked truncations and unscored rows are 0).</param>
    /// <param name="learningRate">This step's learning rate (after warm-up).</param>
    /// <param name="shuffle">Orders rows into minibatches.</param>
    public UpdateStats Run(RolloutBatch batch, double[] advantages, Tensor lossMask, double learningRate, DeterministicRandom shuffle, Device device)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(advantages);
        ArgumentNullException.ThrowIfNull(shuffle);
        using var scope = NewDisposeScope();
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        var adv = tensor(advantages, device: device).to_type(ScalarType.Float32);
        var mask = lossMask.to(device);
        var reusesBatch = grpo.Iterations > 1 || grpo.Minibatches > 1;
        Tensor? oldLogProbs = null;
        Tensor? refLogProbs = null;
        using (no_grad())
        {
            // With one pass over one minibatch the sampling policy is the current one: its log-probs are
            // the current ones detached, so this extra forward pass is only needed when the batch is reused.
            if (reusesBatch)
            {
                oldLogProbs = PolicyLogProbs.Compute(policy, batch, null, guide, temperature, device, out _);
            }

            if (reference is not null && grpo.Beta > 0)
            {
                refLogProbs = PolicyLogProbs.Compute(reference, batch, null, guide, temperature, device, out _);
            }
        }

        var (loss, kl, clip, entropy, gradNorm, steps) = (0.0, 0.0, 0.0, 0.0, 0.0, 0);
        var parameters = policy.parameters().ToArray();
        for (var pass = 0; pass < grpo.Iterations; pass++)
        {
            foreach (var rowsArray in Minibatches(batch.Rows, grpo.Minibatches, shuffle))
            {
                using var stepScope = NewDisposeScope();
                var rows = tensor(rowsArray.Select(r => (long)r).ToArray(), device: device);
                var first = steps == 0;
                var logProbs = PolicyLogProbs.Compute(policy, batch, rows, guide, temperature, device, out var tokenEntropy, withEntropy: first);
                var rowMask = mask.index_select(0, rows);
                var result = GrpoLoss.Compute(
                    logProbs,
                    oldLogProbs?.index_select(0, rows) ?? logProbs.detach(),
                    refLogProbs?.index_select(0, rows),
                    adv.index_select(0, rows),
                    rowMask,
                    grpo,
                    maxCompletionLength);
                optimizer.zero_grad();
                result.Loss.backward();
                gradNorm += maxGradNorm > 0 ? nn.utils.clip_grad_norm_(parameters, maxGradNorm) : TotalNorm(parameters);
                optimizer.step();

                loss += result.Loss.item<float>();
                kl += result.Kl.item<float>();
                clip += result.ClipRatio.item<float>();
                if (tokenEntropy is not null)
                {
                    var counted = rowMask.sum().item<float>();
                    entropy = counted > 0 ? (tokenEntropy * rowMask).sum().item<float>() / counted : 0;
                }

                steps++;
            }
        }

        return new UpdateStats(loss / steps, kl / steps, clip / steps, entropy, gradNorm / steps);
    }

    private static IEnumerable<int[]> Minibatches(int rows, int count, DeterministicRandom shuffle)
    {
        var order = Enumerable.Range(0, rows).ToArray();
        if (count > 1)
        {
            for (var i = rows - 1; i > 0; i--)
            {
                var j = shuffle.NextInt(0, i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        var size = (int)Math.Ceiling(rows / (double)count);
        for (var start = 0; start < rows; start += size)
        {
            yield return order[start..Math.Min(rows, start + size)];
        }
    }

    private static double TotalNorm(IEnumerable<Parameter> parameters)
    {
        using var _ = no_grad();
        var squares = parameters.Where(p => p.grad is not null).Select(p => p.grad!.pow(2).sum().item<float>()).Sum();
        return Math.Sqrt(squares);
    }
}
