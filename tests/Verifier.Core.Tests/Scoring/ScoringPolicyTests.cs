using Verifier.Contracts;
using Verifier.Core.Math;
using Verifier.Core.Rewards;
using Verifier.Core.Scoring;

namespace Verifier.Core.Tests.Scoring;

/// <summary>The one policy's rules: weights, verdicts, and an unknown weighted part making the whole reward unknown.</summary>
public sealed class ScoringPolicyTests
{
    private static readonly ScoringPolicy Policy = new(new MathVerifier(), new RewardCatalog([new LanguageConsistency("lc", WritingScript.Latin)], []));

    private const string Right = "<think>two and two</think><answer>\\boxed{4}</answer>";

    [Fact]
    public async Task MathAndFormat_AreWeightedAndSummed()
    {
        var item = new VerifyItem { Completion = Right, Math = new MathSpec { Gold = "4" }, Format = new FormatSpec(), Weights = new RewardWeights { Accuracy = 2, Format = 0.5 } };

        var result = await Policy.ScoreAsync(item, 3, code: null, CancellationToken.None);

        Assert.Equal((3, Verdicts.Correct, 2.5, 1.0, 1.0), (result.Index, result.Verdict, result.Reward!.Value, result.Accuracy!.Value, result.Format!.Value));
        Assert.Equal("4", result.Detail!.Extracted);
    }

    [Theory]
    [InlineData("<think>t</think><answer>\\boxed{5}</answer>", Verdicts.Wrong)]
    [InlineData("<think>t</think> I cannot tell.", Verdicts.NoAnswer)]
    public async Task WrongOrMissingAnswer_IsZeroNotNull(string completion, string verdict)
    {
        var result = await Policy.ScoreAsync(new VerifyItem { Completion = completion, Math = new MathSpec { Gold = "4" } }, 0, null, CancellationToken.None);

        Assert.Equal((verdict, 0.0, 0.0), (result.Verdict, result.Accuracy!.Value, result.Reward!.Value));
    }

    [Fact]
    public async Task UnknownCodeAccuracy_MakesTheRewardUnknown_UnlessItsWeightIsZero()
    {
        var outcome = new CodeOutcome(null, Verdicts.InfraError, "engine down", new CodeDetail { Verdict = Verdicts.InfraError });
        var code = new CodeSpec { Language = "python", Tests = CodeTests.Io(TestCase.Io("", "")) };
        var weighted = new VerifyItem { Completion = Right, Code = code, Format = new FormatSpec() };
        var unweighted = weighted with { Weights = new RewardWeights { Accuracy = 0 } };

        var unknown = await Policy.ScoreAsync(weighted, 0, outcome, CancellationToken.None);
        var known = await Policy.ScoreAsync(unweighted, 0, outcome, CancellationToken.None);

        Assert.Null(unknown.Reward);
        Assert.Equal(Verdicts.InfraError, unknown.Verdict);
        Assert.Equal(1.0, known.Reward);
    }

    [Fact]
    public async Task NamedComponent_IsAddedWithItsWeight_AndReported()
    {
        var item = new VerifyItem { Completion = Right, Rewards = new Dictionary<string, double> { ["lc"] = 0.5 } };

        var result = await Policy.ScoreAsync(item, 0, null, CancellationToken.None);

        Assert.Equal((Verdicts.Scored, 0.5), (result.Verdict, result.Reward!.Value));
        Assert.Equal(1.0, result.Detail!.Components!["lc"]);
    }

    [Fact]
    public async Task FormatOnlyItem_TakesTheFormatVerdict()
    {
        var result = await Policy.ScoreAsync(new VerifyItem { Completion = "no tags", Format = new FormatSpec() }, 0, null, CancellationToken.None);

        Assert.Equal((Verdicts.FormatError, 0.0), (result.Verdict, result.Reward!.Value));
        Assert.NotNull(result.Reason);
    }

    [Fact]
    public async Task CodeItemWithoutTheSandboxOutcome_IsABug_NotAReward()
    {
        var item = new VerifyItem { Completion = Right, Code = new CodeSpec { Language = "python", Tests = CodeTests.Io(TestCase.Io("", "")) } };

        await Assert.ThrowsAsync<ArgumentException>(async () => await Policy.ScoreAsync(item, 0, null, CancellationToken.None));
    }
}
