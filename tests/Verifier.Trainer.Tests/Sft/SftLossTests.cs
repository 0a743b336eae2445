using Verifier.Trainer.Model;
using Verifier.Trainer.Sft;
using static TorchSharp.torch;

namespace Verifier.Trainer.Tests.Sft;

public sealed class SftLossTests
{
    public SftLossTests() => TorchTestSetup.Ensure();

    [Fact]
    public void Padded_MarksOnlyCompletionTokensAsTargets()
    {
        var sequence = SftSequences.Padded(new SftExample([10, 11, 12], [20, 21]));

        Assert.Equal([10, 11, 12, 20, 21], sequence.Tokens);
        Assert.Equal([false, false, false, true, true], sequence.LossMask);
    }

    [Fact]
    public void Create_KeepsEveryTargetOutOfTheSharedPrefix()
    {
        // Both rows share the prompt and the first completion token; the prefix must stop before any target's predictor.
        using var batch = SftBatch.Create(
            [SftSequences.Padded(new SftExample([7, 8, 9], [30, 31])), SftSequences.Padded(new SftExample([7, 8, 9], [30, 32, 33]))],
            padId: 0);

        Assert.Equal([7, 8], batch.Prefix);
        Assert.Equal(new long[] { 9, 30, 31, 0, 9, 30, 32, 33 }, batch.Rest.data<long>().ToArray());
        Assert.Equal(new[] { false, true, true, false, false, true, true, true }, batch.LossMask.data<bool>().ToArray());
        Assert.Equal(new[] { true, true, true, false, true, true, true, true }, batch.Valid.data<bool>().ToArray());
    }

    [Fact]
    public void Compute_EqualsCrossEntropyOverCompletionTokensOfAFullForwardPass()
    {
        manual_seed(3);
        using var policy = new Gpt(40, new GptOptions { ContextLength = 32, Dim = 16, Layers = 1, Heads = 2 });
        SftExample[] examples = [new([5, 6, 7, 8], [20, 21, 22]), new([5, 6, 9], [23, 24])];
        using var batch = SftBatch.Create([.. examples.Select(SftSequences.Padded)], padId: 0);

        var (loss, targets) = SftLoss.Compute(policy, batch, CPU);

        // Reference: each example alone, full forward from position 0, CE at the completion positions only.
        var (sum, count) = (0.0, 0);
        foreach (var example in examples)
        {
            var tokens = example.Prompt.Concat(example.Completion).Select(t => (long)t).ToArray();
            var logits = policy.forward(tensor(tokens).unsqueeze(0))[0];
            var logProbs = nn.functional.log_softmax(logits, -1);
            for (var i = example.Prompt.Length; i < tokens.Length; i++)
            {
                sum -= logProbs[i - 1, tokens[i]].item<float>();
                count++;
            }
        }

        Assert.Equal(5, targets);
        Assert.Equal(sum / count, loss.item<float>(), 4);
    }
}
