using Verifier.Trainer.Sampling;
using static TorchSharp.torch;

namespace Verifier.Trainer.Tests.Sampling;

public sealed class LogitsFiltersTests
{
    public LogitsFiltersTests() => TorchTestSetup.Ensure();

    [Fact]
    public void TopK_KeepsTheKLargestPerRow()
    {
        var logits = tensor(new float[,] { { 1f, 5f, 3f, 4f }, { 9f, 0f, 8f, 1f } });

        var kept = LogitsFilters.TopK(logits, 2).isfinite();

        Assert.Equal(new[] { false, true, false, true, true, false, true, false }, kept.data<bool>().ToArray());
    }

    [Fact]
    public void TopK_WhenZeroOrAtLeastVocab_ChangesNothing()
    {
        var logits = tensor(new float[,] { { 1f, 2f, 3f } });

        Assert.True(LogitsFilters.TopK(logits, 0).eq(logits).all().item<bool>());
        Assert.True(LogitsFilters.TopK(logits, 3).eq(logits).all().item<bool>());
    }

    [Fact]
    public void TopP_KeepsSmallestSetReachingP()
    {
        // Probabilities 0.5, 0.3, 0.15, 0.05 (as log-probs). p = 0.7 needs the first two; p = 0.85 the first three.
        var logits = tensor(new[] { 0.15f, 0.5f, 0.05f, 0.3f }).log().unsqueeze(0);

        var at07 = LogitsFilters.TopP(logits, 0.7).isfinite().data<bool>().ToArray();
        var at085 = LogitsFilters.TopP(logits, 0.85).isfinite().data<bool>().ToArray();

        Assert.Equal(new[] { false, true, false, true }, at07);
        Assert.Equal(new[] { true, true, false, true }, at085);
    }

    [Fact]
    public void TopP_AlwaysKeepsTheMostLikelyToken()
    {
        var logits = tensor(new float[,] { { 0f, 10f, 1f } });

        var kept = LogitsFilters.TopP(logits, 0.01).isfinite().data<bool>().ToArray();

        Assert.Equal(new[] { false, true, false }, kept);
    }

    [Fact]
    public void Sample_WithTopP_NeverDrawsAFilteredToken()
    {
        var logits = tensor(new[] { 0.15f, 0.5f, 0.05f, 0.3f }).log().unsqueeze(0).expand(2000, -1);
        using var generator = new Generator(7);

        var drawn = LogitsFilters.Sample(logits, new SamplingOptions { TopP = 0.7 }, generator).data<long>().ToArray();

        Assert.All(drawn, t => Assert.Contains(t, new long[] { 1, 3 }));
        // Renormalised 0.5 : 0.3 → token 1 about 62.5% of the time.
        Assert.InRange(drawn.Count(t => t == 1) / 2000.0, 0.58, 0.67);
    }

    [Fact]
    public void Sample_WithTopKOne_IsArgmax()
    {
        var logits = randn(50, 11, generator: new Generator(3));
        using var generator = new Generator(5);

        var drawn = LogitsFilters.Sample(logits, new SamplingOptions { TopK = 1 }, generator);

        Assert.True(drawn.eq(logits.argmax(-1)).all().item<bool>());
    }

    [Fact]
    public void Sample_AtTemperatureZero_IsArgmax()
    {
        var logits = randn(20, 7, generator: new Generator(4));

        var drawn = LogitsFilters.Sample(logits, new SamplingOptions { Temperature = 0 }, null);

        Assert.True(drawn.eq(logits.argmax(-1)).all().item<bool>());
    }
}
