using Verifier.Core.Math;

namespace Verifier.Core.Tests.Math.Parsing;

/// <summary>The mixed-number rule (see LatexParser.IsMixedNumber): a whole literal then a proper fraction, as the whole term.</summary>
public sealed class MixedNumberTests
{
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    [Theory]
    [InlineData("\\frac32", "1 \\frac12")]
    [InlineData("\\frac32", "1\\frac{1}{2}")]
    [InlineData("\\frac32", "1 1/2")]
    [InlineData("\\frac{11}{4}", "2 3/4")]
    [InlineData("-\\frac32", "-1 1/2")]
    [InlineData("1.5", "1\\tfrac12")]
    public void CompareAnswers_WhenMixedNumber_ReadsWholePlusFraction(string gold, string predicted)
    {
        Assert.True(Verifier.CompareAnswers(gold, predicted).Correct);
        Assert.True(Verifier.CompareAnswers(predicted, gold).Correct);
    }

    [Theory]
    [InlineData("\\frac12", "1 1/2")] // read as 1 * 1/2 before the rule
    [InlineData("\\frac12", "1\\frac12")]
    [InlineData("1", "1 1/2")]
    [InlineData("\\frac{11}{4}", "2 3/5")]
    public void CompareAnswers_WhenMixedNumberDiffers_IsWrong(string gold, string predicted)
    {
        Assert.False(Verifier.CompareAnswers(gold, predicted).Correct);
    }

    [Theory]
    [InlineData("\\frac12", "1 \\cdot \\frac12")] // an explicit operator is a product
    [InlineData("\\frac32", "1\\frac32")] // an improper fraction is not the fraction part of a mixed number
    [InlineData("\\frac32", "1 + 1/2")]
    [InlineData("1", "(2)(1)/2")] // parenthesized numbers are factors, never a mixed number
    [InlineData("1", "(2)\\frac12")]
    public void CompareAnswers_WhenNotAMixedNumber_KeepsTheWrittenOperation(string gold, string predicted)
    {
        Assert.True(Verifier.CompareAnswers(gold, predicted).Correct);
    }

    [Theory]
    [InlineData("\\frac52 x", "2\\frac{1}{2}x")]
    [InlineData("x", "2\\frac{1}{2}x")]
    [InlineData("\\frac52 x", "2 1/2 x")]
    public void CompareAnswers_WhenMixedNumberIsFollowedByAFactor_IsNotUnderstood(string gold, string predicted)
    {
        var verdict = Verifier.CompareAnswers(gold, predicted);

        Assert.False(verdict.Correct);
        Assert.Contains("mixed number", verdict.Reason, StringComparison.Ordinal);
    }
}
