using Verifier.Trainer.Model;
using Verifier.Trainer.Sampling;
using Verifier.Trainer.Tokenization;
using static TorchSharp.torch;

namespace Verifier.Trainer.Tests.Sampling;

public sealed class CompletionSamplerTests
{
    private readonly ByteTokenizer _tokenizer = new();

    public CompletionSamplerTests() => TorchTestSetup.Ensure();

    [Theory]
    [InlineData(30, 2)]
    [InlineData(3, 1)]
    [InlineData(0, 3)]
    public void Generate_WithFormatGuide_EmitsTheR1ShapeWithinTheLimitsAndIsNeverCutOff(int maxThink, int maxAnswer)
    {
        manual_seed(3);
        using var model = new Gpt(_tokenizer.VocabSize, new GptOptions { ContextLength = 128, Dim = 16, Layers = 1, Heads = 2 });
        var guide = new FormatGuide(_tokenizer, "0123456789+ ", "0123456789", maxThink, maxAnswer);
        var sampler = new CompletionSampler(model, _tokenizer, new SamplingOptions { MaxNewTokens = maxThink + maxAnswer + 4 }, guide);
        var prompt = _tokenizer.Encode("What is 1 + 2? Assistant:");
        using var generator = new Generator(9);

        using var batch = sampler.Generate([.. Enumerable.Repeat(prompt, 32)], generator, CPU, 4, null);

        for (var i = 0; i < batch.Rows; i++)
        {
            Assert.False(batch.Truncated[i]);
            var text = _tokenizer.Decode(batch.CompletionTokens[i]);
            Assert.Matches($"^<think>[0-9+ ]{{0,{maxThink}}}</think><answer>[0-9]{{1,{maxAnswer}}}</answer>$", text);
        }
    }

    [Fact]
    public void Generate_WithGuideGreedy_MatchesStepByStepFullForwardUnderTheSameMasks()
    {
        // Forced tokens are batched into one later forward pass; the result must not change.
        manual_seed(5);
        using var model = new Gpt(_tokenizer.VocabSize, new GptOptions { ContextLength = 128, Dim = 16, Layers = 2, Heads = 2 });
        model.eval();
        var guide = new FormatGuide(_tokenizer, "0123456789+ ", "0123456789", 4, 2);
        var sampler = new CompletionSampler(model, _tokenizer, new SamplingOptions { Temperature = 0, MaxNewTokens = 10 }, guide);
        int[][] prompts = [_tokenizer.Encode("Q: 1 + 2? A:"), _tokenizer.Encode("Q: 3 + 4? A:")];

        using var batch = sampler.Generate(prompts, null, CPU);

        using var noGrad = no_grad();
        for (var row = 0; row < prompts.Length; row++)
        {
            var sequence = prompts[row].Select(t => (long)t).ToList();
            var state = FormatGuide.InitialState;
            foreach (var token in batch.CompletionTokens[row])
            {
                var logits = model.forward(tensor(sequence.ToArray()).unsqueeze(0))[0, -1];
                var allowed = guide.AllowedMask(tensor(new[] { state }))[0];
                var expected = logits.masked_fill(allowed.logical_not(), double.NegativeInfinity).argmax().item<long>();
                Assert.Equal(expected, token);
                sequence.Add(token);
                state = guide.Advance(state, token);
            }
        }
    }

    [Fact]
    public void Generate_ReportsEachGroupOnceWithItsCompletions()
    {
        manual_seed(4);
        using var model = new Gpt(_tokenizer.VocabSize, new GptOptions { ContextLength = 64, Dim = 16, Layers = 1, Heads = 2 });
        var sampler = new CompletionSampler(model, _tokenizer, new SamplingOptions { MaxNewTokens = 8 }, null);
        var reported = new List<(int Group, int[][] Completions)>();
        using var generator = new Generator(1);
        int[][] prompts = [.. Enumerable.Range(0, 6).Select(i => _tokenizer.Encode($"q{i / 2}"))];

        using var batch = sampler.Generate(prompts, generator, CPU, 2, (g, c) => reported.Add((g, c)));

        Assert.Equal([0, 1, 2], reported.Select(r => r.Group).Order());
        foreach (var (group, completions) in reported)
        {
            Assert.Equal(batch.CompletionTokens[group * 2], completions[0]);
            Assert.Equal(batch.CompletionTokens[(group * 2) + 1], completions[1]);
        }
    }

    [Fact]
    public void Generate_WhenPromptTooLongForContext_Throws()
    {
        using var model = new Gpt(_tokenizer.VocabSize, new GptOptions { ContextLength = 16, Dim = 16, Layers = 1, Heads = 2 });
        var sampler = new CompletionSampler(model, _tokenizer, new SamplingOptions { MaxNewTokens = 8 }, null);

        var error = Assert.Throws<InvalidOperationException>(() => sampler.Generate([_tokenizer.Encode("0123456789")], null, CPU));
        Assert.Contains("context", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedPrefixLength_LeavesEveryPromptATokenOfItsOwn()
    {
        Assert.Equal(2, CompletionSampler.SharedPrefixLength([[1, 2, 3, 4], [1, 2, 5]]));
        Assert.Equal(2, CompletionSampler.SharedPrefixLength([[1, 2, 3], [1, 2, 3]]));
        Assert.Equal(0, CompletionSampler.SharedPrefixLength([[1], [1, 2]]));
    }
}
