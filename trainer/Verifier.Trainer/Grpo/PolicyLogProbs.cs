using TorchSharp;
using Verifier.Trainer.Model;
using Verifier.Trainer.Sampling;
using static TorchSharp.torch;

namespace Verifier.Trainer.Grpo;

/// <summary>Per-token log-probabilities of sampled completions under a policy, computed in one forward pass.</summary>
public static class PolicyLogProbs
{
    /// <summary>
    /// Returns [rows, width] log-probs of <paramref name="batch"/>'s completion tokens for the given rows (all when
    /// null), with the sampling temperature and format-guide masks applied as they were when sampling. Padding
    /// positions hold 0. When <paramref name="entropy"/> is requested it gets the per-token entropy (no grad).
    /// </summary>
    public static Tensor Compute(
        Gpt policy, RolloutBatch batch, Tensor? rows, FormatGuide? guide, double temperature, Device device, out Tensor? entropy, bool withEntropy = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(batch);
        var remainder = Rows(batch.Remainder, rows, device);
        var remainderValid = Rows(batch.RemainderValid, rows, device);
        var completion = Rows(batch.Completion, rows, device);
        var completionMask = Rows(batch.CompletionMask, rows, device);

        KvCache? prefix = null;
        if (batch.Prefix.Length > 0)
        {
            var ids = tensor(batch.Prefix.Select(t => (long)t).ToArray(), [1, batch.Prefix.Length], device: device);
            var prefixPositions = arange(batch.Prefix.Length, device: device).unsqueeze(0);
            policy.Hidden(ids, prefixPositions, ones(1, batch.Prefix.Length, ScalarType.Bool, device), null, out prefix);
        }

        var suffix = cat([remainder, completion], 1);
        var valid = cat([remainderValid, completionMask], 1);
        var positions = CompletionSampler.SuffixPositions(valid, batch.Prefix.Length);
        var hidden = policy.Hidden(suffix, positions, valid, prefix, out _);
        // The hidden state at position t predicts token t + 1: the last prompt token predicts the first completion token.
        var width = completion.shape[1];
        var logits = policy.Logits(hidden.narrow(1, remainder.shape[1] - 1, width));
        if (temperature > 0)
        {
            logits = logits / temperature;
        }

        if (guide is not null && batch.GuideStates is not null)
        {
            var allowed = guide.AllowedMask(Rows(batch.GuideStates, rows, device));
            logits = logits.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        }

        var logSoftmax = nn.functional.log_softmax(logits, -1);
        var tokenLogProbs = logSoftmax.gather(-1, completion.unsqueeze(-1)).squeeze(-1);
        entropy = null;
        if (withEntropy)
        {
            using var noGrad = no_grad();
            var finite = logSoftmax.masked_fill(logSoftmax.isinf(), 0);
            entropy = -(logSoftmax.exp() * finite).sum(-1) * completionMask;
        }

        return tokenLogProbs.masked_fill(completionMask.logical_not(), 0);
    }

    private static Tensor Rows(Tensor source, Tensor? rows, Device device)
    {
        var selected = rows is null ? source : source.index_select(0, rows);
        return selected.to(device);
    }
}
