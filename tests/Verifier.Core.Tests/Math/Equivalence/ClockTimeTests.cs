using Verifier.Core.Math;

namespace Verifier.Core.Tests.Math.Equivalence;

/// <summary>
/// Times of day (the clock-time rule, Parsing/ClockTime.cs) and golds written wholly in \text{}: compared by what they
/// say, not only against the same \text{} string.
/// </summary>
public sealed class ClockTimeTests
{
    private const string Unsettled = "wrong: equivalence with the gold answer could not be established";
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    [Theory]
    [InlineData("\\text{4:30 p.m.}", "4:30 \\text{ p.m.}")]
    [InlineData("\\text{4:30 p.m.}", "4:30pm")]
    [InlineData("\\text{4:30 p.m.}", "4:30 PM")]
    [InlineData("\\text{4:30 p.m.}", "16:30")]
    [InlineData("\\text{4:30 p.m.}", "\\text{16:30}")]
    [InlineData("4:30\\,\\text{pm}", "4:30 p.m.")]
    [InlineData("\\text{12:15 a.m.}", "0:15")]
    [InlineData("\\text{12:15 p.m.}", "12:15 pm")]
    public void CompareAnswers_WhenSameTimeOfDay_IsCorrect(string gold, string predicted)
    {
        Assert.True(Verifier.CompareAnswers(gold, predicted).Correct);
        Assert.True(Verifier.CompareAnswers(predicted, gold).Correct);
    }

    [Theory]
    [InlineData("\\text{4:30 a.m.}", "16:30")]
    [InlineData("\\text{4:30 a.m.}", "4:30 \\text{ p.m.}")]
    [InlineData("\\text{4:30 p.m.}", "\\text{5:30 p.m.}")]
    [InlineData("\\text{4:30 p.m.}", "4:31 p.m.")]
    [InlineData("\\text{12:15 p.m.}", "0:15")]
    [InlineData("4:30", "5:30 \\text{ p.m.}")]
    public void CompareAnswers_WhenDifferentTimeOfDay_IsDecidedDifferent(string gold, string predicted)
    {
        var verdict = Verifier.CompareAnswers(gold, predicted);

        Assert.False(verdict.Correct);
        Assert.Equal("not equivalent to the gold answer", verdict.Reason);
        Assert.False(Verifier.CompareAnswers(predicted, gold).Correct);
    }

    [Theory]
    [InlineData("4:30", "4:30 \\text{ p.m.}")] // a bare 1:00-12:59 may be either half of the day
    [InlineData("\\text{4:30 p.m.}", "4:30")]
    [InlineData("4:30", "16:30")]
    [InlineData("\\text{12:15 p.m.}", "12:15")]
    public void CompareAnswers_WhenOneSideLacksAmPm_IsUndecidedNeverCorrect(string gold, string predicted)
    {
        var verdict = Verifier.CompareAnswers(gold, predicted);

        Assert.False(verdict.Correct);
        Assert.Equal(Unsettled, verdict.Reason);
    }

    [Theory]
    [InlineData("3:4", "3:4", true)] // ratios stay ratios
    [InlineData("1:2", "2:4", false)]
    [InlineData("4:30", "4:30", true)]
    public void CompareAnswers_WhenNotATime_KeepsTheRatioReading(string gold, string predicted, bool expected)
    {
        Assert.Equal(expected, Verifier.CompareAnswers(gold, predicted).Correct);
    }

    [Theory]
    [InlineData("\\text{12 dozen}", "144")]
    [InlineData("\\text{5 cm}", "5")]
    [InlineData("\\text{Evelyn}", "Evelyn")]
    [InlineData("\\text{(C)}", "C")]
    public void CompareAnswers_WhenGoldIsWhollyText_ComparesItsContent(string gold, string predicted)
    {
        Assert.True(Verifier.CompareAnswers(gold, predicted).Correct);
    }

    [Theory]
    [InlineData("\\text{June 5}", "5")] // names in the text keep it text
    [InlineData("\\text{12 dozen}", "12")]
    [InlineData("\\text{5 cm}", "6")]
    public void CompareAnswers_WhenTextContentDiffers_IsWrong(string gold, string predicted)
    {
        Assert.False(Verifier.CompareAnswers(gold, predicted).Correct);
    }
}
