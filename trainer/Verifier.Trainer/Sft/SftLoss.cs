using Verifier.Trainer.Model;
using static TorchSharp.torch;

namespace Verifier.Trainer.Sft;

/// <summary>Next-token cross-entropy over the completion tokens only: prompts are context, never targets.</summary>
public static class SftLoss
{
    /// <summary>The mean loss over target tokens (a scalar with grad) and how many targets there were.</summary>
    public static (Tensor Loss, long Targets) Compute(Gpt policy, SftBatch batch, Device device)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(batch);
        Model.KvCache? prefix = null;
        if (batch.Prefix.Length > 0)
        {
            var ids = tensor(batch.Prefix.Select(t => (long)t).ToArray(), [1, batch.Prefix.Length], device: device);
            var prefixPositions = arange(batch.Prefix.Length, device: device).unsqueeze(0);
            policy.Hidden(ids, prefixPositions, ones(1, batch.Prefix.Length, ScalarType.Bool, device), null, out prefix);
        }

        var rest = batch.Rest.to(device);
        var valid = batch.Valid.to(device);
        var width = rest.shape[1];
        var positions = arange(batch.Prefix.Length, batch.Prefix.Length + width, device: device).unsqueeze(0).expand(rest.shape[0], -1);
        var hidden = policy.Hidden(rest, positions, valid, prefix, out _);
        // Position j predicts token j + 1; the prefix never holds a target (see SftBatch), so the rest covers them all.
        var logits = policy.Logits(hidden.narrow(1, 0, width - 1));
        var targets = rest.narrow(1, 1, width - 1);
        var mask = batch.LossMask.to(device).narrow(1, 1, width - 1).to_type(ScalarType.Float32);
        var tokenLoss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), targets.reshape(-1), reduction: nn.Reduction.None)
            .reshape(targets.shape);
        var count = mask.sum().item<float>();
        return ((tokenLoss * mask).sum() / Math.Max(count, 1f), (long)count);
    }
}
