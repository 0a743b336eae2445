using System.ComponentModel.DataAnnotations;
using Verifier.Core.Math;
using Verifier.Core.Math.Extraction;

namespace Verifier.Core.Tests.Math;

/// <summary>The public surface: verdict shape, argument and option validation, thread safety.</summary>
public sealed class MathVerifierTests
{
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    [Fact]
    public void Verify_WhenAnswerEquivalent_ReturnsCorrectWithTheExtractedText()
    {
        var verdict = Verifier.Verify("<think>hmm</think>So $x = \\boxed{\\dfrac{28}{6}}$.", "\\frac{14}{3}");

        Assert.True(verdict.Correct);
        Assert.Equal("\\dfrac{28}{6}", verdict.Extracted);
        Assert.NotNull(verdict.Reason);
    }

    [Fact]
    public void Verify_WhenAnswerDiffers_ReturnsFalseWithAReason()
    {
        var verdict = Verifier.Verify("\\boxed{4}", "5");

        Assert.False(verdict.Correct);
        Assert.Equal("4", verdict.Extracted);
        Assert.Contains("not equivalent", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WhenAnswerCannotBeParsed_IsWrong()
    {
        var verdict = Verifier.Verify("\\boxed{\\frac{1}}", "5");

        Assert.False(verdict.Correct);
        Assert.StartsWith("wrong: answer not understood", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WhenGoldIsMessy_StillMatchesCleanPredictions()
    {
        Assert.True(Verifier.Verify("\\boxed{32000}", "\\$32{,}000").Correct);
        Assert.True(Verifier.Verify("\\boxed{C}", "\\text{(C)}").Correct);
        Assert.True(Verifier.Verify("\\boxed{[-2, 7]}", "x \\in [-2,7]").Correct);
        Assert.True(Verifier.Verify("\\boxed{(3, \\pi/2)}", "\\left( 3, \\frac{\\pi}{2} \\right)").Correct);
    }

    [Fact]
    public void VerifyAgainstSolution_ExtractsTheGoldFromAWorkedSolution()
    {
        var solution = "We find $r = 3$ and so the answer is $\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}.$";

        Assert.True(Verifier.VerifyAgainstSolution("\\boxed{(3, \\frac{\\pi}{2})}", solution).Correct);
        Assert.False(Verifier.VerifyAgainstSolution("\\boxed{(3, \\pi)}", solution).Correct);
    }

    [Fact]
    public void Verify_WithATolerance_AcceptsCloseNumbersOnly()
    {
        Assert.True(Verifier.Verify("\\boxed{3.1416}", "\\pi", tolerance: 1e-4).Correct);
        Assert.False(Verifier.Verify("\\boxed{3.2}", "\\pi", tolerance: 1e-4).Correct);
        Assert.False(Verifier.Verify("\\boxed{3.1416}", "\\pi").Correct);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(double.PositiveInfinity)]
    public void Verify_WithAnInvalidTolerance_Throws(double tolerance)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Verifier.Verify("\\boxed{1}", "1", tolerance));
    }

    [Fact]
    public void Verify_WithNullArguments_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Verifier.Verify(null!, "1"));
        Assert.Throws<ArgumentNullException>(() => Verifier.Verify("1", null!));
    }

    [Fact]
    public void Constructor_WithInvalidOptions_Throws()
    {
        Assert.Throws<ValidationException>(() => new MathVerifier(new MathVerifierOptions { ExtractionRules = [] }));
        Assert.Throws<ValidationException>(() => new MathVerifier(new MathVerifierOptions { ExtractionRules = [ExtractionRule.Boxed, ExtractionRule.Boxed] }));
        Assert.Throws<ValidationException>(() => new MathVerifier(new MathVerifierOptions { ThinkTag = "<think>" }));
        Assert.Throws<ValidationException>(() => new MathVerifier(new MathVerifierOptions { RandomPoints = 1 }));
        Assert.Throws<ValidationException>(() => new MathVerifier(new MathVerifierOptions { TimeBudget = TimeSpan.Zero }));
        Assert.Throws<ValidationException>(() => new MathVerifier(new MathVerifierOptions { PrecisionBits = 512, MaxPrecisionBits = 256 }));
    }

    [Fact]
    public void Verify_FromManyThreads_GivesTheSameVerdictsAsOneThread()
    {
        (string Completion, string Gold)[] pairs =
        [
            ("\\boxed{\\frac{1}{2}}", "0.5"),
            ("\\boxed{\\sqrt{12}}", "2\\sqrt{3}"),
            ("\\boxed{(1,2)}", "(2,1)"),
            ("\\boxed{\\tan^2 x + 1}", "\\sec^2 x"),
            ("\\boxed{x \\in [0,1)}", "[0,1)"),
            ("\\boxed{7}", "8"),
            ("\\boxed{\\text{Evelyn}}", "\\text{Evelyn}"),
            ("\\boxed{1 \\pm \\sqrt{19}}", "1 \\pm \\sqrt{19}"),
        ];
        var serial = pairs.Select(p => Verifier.Verify(p.Completion, p.Gold).Correct).ToArray();

        var parallel = new bool?[pairs.Length * 50];
        Parallel.For(0, parallel.Length, i => parallel[i] = Verifier.Verify(pairs[i % pairs.Length].Completion, pairs[i % pairs.Length].Gold).Correct);

        for (var i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(serial[i % pairs.Length], parallel[i]);
        }
    }

    [Fact]
    public void Verify_WithManyDistinctGolds_KeepsWorkingPastTheCacheSize()
    {
        var small = TestVerifiers.Create(new MathVerifierOptions { GoldCacheSize = 4, TimeBudget = TestVerifiers.GenerousTime });

        for (var i = 0; i < 20; i++)
        {
            Assert.True(small.Verify($"\\boxed{{{i}}}", i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Correct);
        }
    }
}
