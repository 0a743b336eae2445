using Verifier.Core.Math;

namespace Verifier.Core.Tests.Math.Equivalence;

/// <summary>A degree sign inside sin, cos, tan... means degrees (it used to be dropped and the number read as radians).</summary>
public sealed class DegreesInFunctionsTests
{
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    [Theory]
    [InlineData("\\frac12", "\\sin 30^\\circ")]
    [InlineData("1", "\\tan 45^\\circ")]
    [InlineData("\\frac{\\sqrt3}{2}", "\\cos 30^\\circ")]
    [InlineData("\\frac{\\sqrt2}{2}", "\\sin 45^{\\circ}")]
    [InlineData("0", "\\sin 180^\\circ")]
    [InlineData("\\cos x", "\\sin(90^\\circ - x)")]
    [InlineData("\\frac{1}{2}", "\\sin(30°)")]
    public void CompareAnswers_WhenTrigArgumentIsInDegrees_ReadsDegrees(string gold, string predicted)
    {
        Assert.True(Verifier.CompareAnswers(gold, predicted).Correct);
        Assert.True(Verifier.CompareAnswers(predicted, gold).Correct);
    }

    [Theory]
    [InlineData("\\frac{\\sqrt3}{2}", "\\sin 30^\\circ")]
    [InlineData("\\sin 30", "\\sin 30^\\circ")]
    [InlineData("\\sin x", "\\sin(90^\\circ - x)")]
    [InlineData("\\frac12", "\\sin 60^\\circ")]
    [InlineData("\\sqrt3", "\\tan 30^\\circ")]
    public void CompareAnswers_WhenDegreeValueDiffers_IsWrong(string gold, string predicted)
    {
        Assert.False(Verifier.CompareAnswers(gold, predicted).Correct);
        Assert.False(Verifier.CompareAnswers(predicted, gold).Correct);
    }

    [Fact]
    public void CompareAnswers_WhenDegreeStandsAlone_StillMatchesBothReadings()
    {
        Assert.True(Verifier.CompareAnswers("30^\\circ", "30").Correct);
        Assert.True(Verifier.CompareAnswers("\\frac{\\pi}{6}", "30^\\circ").Correct);
    }
}
