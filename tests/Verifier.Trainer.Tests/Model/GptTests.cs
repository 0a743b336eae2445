using Verifier.Trainer.Model;
using Verifier.Trainer.Sampling;
using static TorchSharp.torch;

namespace Verifier.Trainer.Tests.Model;

public sealed class GptTests
{
    private const int Vocab = 40;

    public GptTests() => TorchTestSetup.Ensure();

    private static Gpt NewModel(string position = "alibi")
    {
        manual_seed(11);
        var model = new Gpt(Vocab, new GptOptions { ContextLength = 64, Dim = 32, Layers = 2, Heads = 4, Position = position });
        model.eval();
        return model;
    }

    [Theory]
    [InlineData("alibi")]
    [InlineData("learned")]
    public void KvCache_IncrementalDecoding_MatchesFullForward(string position)
    {
        using var model = NewModel(position);
        using var _ = no_grad();
        var tokens = randint(0, Vocab, [2, 12], generator: new Generator(1));
        var full = model.forward(tokens);

        // Prefill 5 tokens, then feed the rest one at a time through the cache.
        var valid = ones(2, 5, ScalarType.Bool);
        var hidden = model.Hidden(tokens.narrow(1, 0, 5), arange(5).unsqueeze(0).expand(2, -1), valid, null, out var cache);
        var steps = new List<Tensor> { model.Logits(hidden) };
        for (var t = 5; t < 12; t++)
        {
            hidden = model.Hidden(tokens.narrow(1, t, 1), full_like(tokens.narrow(1, 0, 1), t), ones(2, 1, ScalarType.Bool), cache, out cache);
            steps.Add(model.Logits(hidden));
        }

        var incremental = cat(steps, 1);
        Assert.True(incremental.allclose(full, rtol: 1e-4, atol: 1e-5), $"max diff {(incremental - full).abs().max().item<float>()}");
    }

    [Theory]
    [InlineData("alibi")]
    [InlineData("learned")]
    public void SharedPrefixAndLeftPadding_GiveTheSameLogitsAsEachSequenceAlone(string position)
    {
        using var model = NewModel(position);
        using var noGrad = no_grad();
        int[] prefix = [3, 4, 5, 6];
        int[][] rests = [[7, 8, 9], [10]];
        int[][] completions = [[11, 12], [13, 14, 15]];
        using var batch = new RolloutBatch(prefix, rests, completions, null, [false, false], 0);

        var logProbs = Verifier.Trainer.Grpo.PolicyLogProbs.Compute(model, batch, null, null, 1.0, CPU, out _);

        for (var row = 0; row < 2; row++)
        {
            int[] sequence = [.. prefix, .. rests[row], .. completions[row]];
            var alone = nn.functional.log_softmax(model.forward(tensor(sequence.Select(t => (long)t).ToArray()).unsqueeze(0)), -1)[0];
            for (var j = 0; j < completions[row].Length; j++)
            {
                var index = prefix.Length + rests[row].Length + j - 1;
                var expected = alone[index, completions[row][j]].item<float>();
                Assert.Equal(expected, logProbs[row, j].item<float>(), 4);
            }
        }

        Assert.Equal(0f, logProbs[0, 2].item<float>()); // padding
    }

    [Fact]
    public void Sampler_WithCache_ProducesTheGreedyContinuationOfFullForward()
    {
        using var model = NewModel();
        var tokenizer = new Verifier.Trainer.Tokenization.ByteTokenizer();
        using var big = new Gpt(tokenizer.VocabSize, new GptOptions { ContextLength = 64, Dim = 32, Layers = 2, Heads = 4 });
        big.eval();
        var sampler = new CompletionSampler(big, tokenizer, new SamplingOptions { Temperature = 0, MaxNewTokens = 6 }, null);
        int[] prompt = [.. tokenizer.Encode("abc 1+2")];

        using var batch = sampler.Generate([prompt, prompt], null, CPU);

        using var _ = no_grad();
        var sequence = prompt.Select(t => (long)t).ToList();
        foreach (var expected in batch.CompletionTokens[0])
        {
            var next = big.forward(tensor(sequence.ToArray()).unsqueeze(0))[0, -1].argmax().item<long>();
            Assert.Equal(next, expected);
            sequence.Add(next);
        }

        Assert.Equal(batch.CompletionTokens[0], batch.CompletionTokens[1]);
    }
}
