using Verifier.Core.Math;

namespace Verifier.Core.Tests.Math;

/// <summary>The traps named in the issue: answers that a "close enough" or careless verifier would accept.</summary>
public sealed class FalsePositiveTrapTests
{
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    [Theory]
    [InlineData("2^{100}", "1267650600228229401496703205377")]
    [InlineData("10^{100}", "10^{100}+1")]
    [InlineData("\\frac{1}{2^{98}}", "\\frac{1}{2^{99}}")]
    [InlineData("\\frac{1}{2004!}", "\\frac{1}{2006!}")]
    [InlineData("0", "10^{-20}")]
    [InlineData("1-\\frac{1}{e}", "1+\\frac{1}{e}")]
    [InlineData("\\frac{2}{3}", "0.67")]
    [InlineData("\\frac{2}{3}", "0.6666666667")]
    [InlineData("\\pi", "3.14159265358979323846")]
    [InlineData("\\pi", "\\pi + 10^{-100}")]
    [InlineData("\\sqrt{2}", "1.4142135623730950488")]
    [InlineData("5", "5, 6, 7")]
    [InlineData("5", "5 \\text{ or } 6")]
    [InlineData("6", "5 \\text{ or } 6")]
    [InlineData("2021", "\\pm 2021")]
    [InlineData("[0, 1)", "[0, 1]")]
    [InlineData("(0, 1)", "[0, 1)")]
    [InlineData("(1, 2)", "(2, 1)")]
    [InlineData("x^2", "x^3")]
    [InlineData("\\sqrt{x^2}", "x")]
    [InlineData("e^{-1000}", "0")]
    public void CompareAnswers_WhenPredictionIsATrap_IsNeverCorrect(string gold, string predicted)
    {
        var verdict = Verifier.CompareAnswers(gold, predicted);

        Assert.NotEqual(true, verdict.Correct);
    }

    [Theory]
    [InlineData("2^{100}", "1267650600228229401496703205376")]
    [InlineData("\\frac{1}{2}", "0.5")]
    [InlineData("10^{-20}", "0.00000000000000000001")]
    [InlineData("\\frac{1}{2004!}", "\\frac{2005 \\cdot 2006}{2006!}")]
    public void CompareAnswers_WhenTheTrapsTwinIsExactlyEqual_IsCorrect(string gold, string predicted)
    {
        var verdict = Verifier.CompareAnswers(gold, predicted);

        Assert.True(verdict.Correct, verdict.Reason);
    }

    [Fact]
    public void Verify_WhenCompletionHedgesBetweenBoxes_IsWrong()
    {
        var verdict = Verifier.Verify("It is either $\\boxed{5}$ or $\\boxed{6}$.", "6");

        Assert.False(verdict.Correct);
    }

    [Fact]
    public void Verify_WhenOnlyTheThinkingContainsTheAnswer_IsWrong()
    {
        var verdict = Verifier.Verify("<think>The answer is \\boxed{42}.</think> I am not sure.", "42");

        Assert.False(verdict.Correct);
    }

    [Fact]
    public void Verify_WhenThinkIsNeverClosed_IgnoresEverythingAfterIt()
    {
        var verdict = Verifier.Verify("<think>so \\boxed{42}", "42");

        Assert.False(verdict.Correct);
    }
}
