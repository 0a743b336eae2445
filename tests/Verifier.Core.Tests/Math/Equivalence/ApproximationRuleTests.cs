using Verifier.Core.Math;

namespace Verifier.Core.Tests.Math.Equivalence;

/// <summary>
/// Red-team cases (issue 11, class 10): in <c>A \approx B</c> the exact side A is the answer, and B must agree with it;
/// reading only B let <c>\boxed{1 \approx 2}</c> pass for gold 2.
/// </summary>
public sealed class ApproximationRuleTests
{
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    [Theory]
    [InlineData("2", "1 \\approx 2")]
    [InlineData("2", "1 \\simeq 2")]
    [InlineData("2", "1 \\sim 2")]
    [InlineData("2", "1 ≈ 2")]
    [InlineData("2", "2 \\approx 1")]
    [InlineData("2", "x = 1 \\approx 2")]
    [InlineData("2", "x \\approx 2 \\approx 3")]
    [InlineData("\\frac{1}{3}", "\\frac{1}{3} \\approx 0.5")]
    [InlineData("\\frac{1}{3}", "x = \\frac{1}{3} \\approx 0.5")]
    [InlineData("\\frac{1}{3}", "\\frac{1}{3} \\approx 0.32")]
    [InlineData("3.14", "\\pi \\approx 3.14")]
    [InlineData("\\frac{1}{3}", "\\frac{1}{3} \\approx 50\\%")]
    [InlineData("\\frac{6022}{10^{-20}}", "\\frac{6022}{10^{-20}} \\approx 6.01 \\times 10^{23}")]
    public void CompareAnswers_WhenTheExactSideOrAnApproximationDisagrees_IsWrong(string gold, string predicted)
    {
        var verdict = Verifier.CompareAnswers(gold, predicted);

        Assert.False(verdict.Correct ?? true, verdict.Reason);
    }

    [Theory]
    [InlineData("2", "2 \\approx 2.0")]
    [InlineData("2", "x \\approx 2")]
    [InlineData("2", "x ≈ 2")]
    [InlineData("\\frac{1}{3}", "\\frac{1}{3} \\approx 0.333")]
    [InlineData("\\frac{1}{3}", "x = \\frac{1}{3} \\approx 0.33")]
    [InlineData("\\frac{2}{3}", "\\frac{2}{3} \\approx 0.666")]
    [InlineData("\\frac{2}{3}", "\\frac{2}{3} \\approx 0.667")]
    [InlineData("-\\frac{1}{3}", "-\\frac{1}{3} \\approx -0.33")]
    [InlineData("\\pi", "\\pi \\approx 3.14")]
    [InlineData("\\sqrt{2}", "\\sqrt{2} \\simeq 1.414")]
    [InlineData("\\frac{1}{3}", "\\frac{1}{3} \\approx 33\\%")]
    [InlineData("\\frac{6022}{10^{-20}}", "\\frac{6022}{10^{-20}} \\approx 6.02 \\times 10^{23}")]
    public void CompareAnswers_WhenTheExactSideMatchesAndApproximationsAgree_IsCorrect(string gold, string predicted)
    {
        var verdict = Verifier.CompareAnswers(gold, predicted);

        Assert.True(verdict.Correct, verdict.Reason);
    }

    [Fact]
    public void Verify_BoxedApproximation_IsReadFromBothSides()
    {
        Assert.False(Verifier.Verify("The answer is $\\boxed{1 \\approx 2}$.", "2").Correct ?? true);
        Assert.True(Verifier.Verify("The answer is $\\boxed{2 \\approx 2.0}$.", "2").Correct);
    }
}
