using Verifier.Core.Math;

namespace Verifier.Core.Tests.Math.Equivalence;

/// <summary>
/// Issue 18: an exact answer followed by an approximation is judged by its exact side (the approximation must agree
/// to its last written digit, ApproximationCheck); an approximation on its own ("\approx 0.577" or "0.577") is a
/// plain number, held to the caller's tolerance: exact by default, so it never matches an irrational gold.
/// </summary>
public sealed class ApproximationAloneTests
{
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    [Theory]
    [InlineData("\\frac{\\sqrt3}{3}", "\\frac{\\sqrt3}{3} \\approx 0.577")]
    [InlineData("\\frac{\\sqrt3}{3}", "\\frac{\\sqrt{3}}{3} \\approx 0.58")]
    [InlineData("\\frac{\\sqrt3}{3}", "\\frac{1}{\\sqrt3} \\approx 0.577")]
    public void CompareAnswers_WhenExactSideMatchesAndApproximationAgrees_IsCorrect(string gold, string predicted)
    {
        Assert.True(Verifier.CompareAnswers(gold, predicted).Correct);
    }

    [Theory]
    [InlineData("\\frac{\\sqrt3}{3}", "\\frac{\\sqrt3}{3} \\approx 0.5")]
    [InlineData("\\frac{\\sqrt3}{3}", "\\frac{\\sqrt3}{3} \\approx 0.588")]
    [InlineData("1", "1 \\approx 2")]
    [InlineData("2", "1 \\approx 2")]
    [InlineData("\\frac{\\sqrt3}{3}", "\\frac{\\sqrt3}{2} \\approx 0.577")]
    public void CompareAnswers_WhenApproximationContradictsOrExactSideIsWrong_IsWrong(string gold, string predicted)
    {
        Assert.False(Verifier.CompareAnswers(gold, predicted).Correct);
    }

    [Theory]
    [InlineData("\\approx 0.577")]
    [InlineData("0.577")]
    [InlineData("\\approx 0.57735")]
    public void CompareAnswers_WhenOnlyAnApproximationIsGivenWithoutTolerance_IsWrong(string predicted)
    {
        Assert.False(Verifier.CompareAnswers("\\frac{\\sqrt3}{3}", predicted).Correct);
    }

    [Theory]
    [InlineData("\\approx 0.577", true)]
    [InlineData("0.577", true)]
    [InlineData("\\approx 0.6", false)]
    [InlineData("\\approx 0.5", false)]
    public void CompareAnswers_WhenOnlyAnApproximationIsGivenWithTolerance_UsesTheRelativeTolerance(string predicted, bool expected)
    {
        // 0.577 is within 0.1 % of 0.57735; 0.6 is 3.9 % away.
        Assert.Equal(expected, Verifier.CompareAnswers("\\frac{\\sqrt3}{3}", predicted, tolerance: 1e-3).Correct);
    }

    [Fact]
    public void CompareAnswers_WhenApproximationAloneMatchesADecimalGold_IsCorrect()
    {
        Assert.True(Verifier.CompareAnswers("0.577", "\\approx 0.577").Correct);
        Assert.False(Verifier.CompareAnswers("0.578", "\\approx 0.577").Correct);
    }
}
