using Verifier.Core.Math;

namespace Verifier.Core.Tests.Math.Equivalence;

/// <summary>
/// Red-team cases beyond <c>\approx</c> (issue 11): a quantity followed by a remark holding another number states two
/// answers, and reading the first alone would reward a hedge. An equality chain keeps the common convention (its last
/// value is the answer, "x = 5+5+1 = 7 = 11" is 11): only one value of it is ever read, so it offers no second chance.
/// </summary>
public sealed class SelfContradictionTests
{
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    [Theory]
    [InlineData("2", "2 = 3")]
    [InlineData("1", "1 := 2")]
    [InlineData("2", "2\\text{ (or 3)}")]
    [InlineData("2", "2 \\text{ or 3}")]
    [InlineData("2", "2\\textbf{ or 3}")]
    [InlineData("2", "2 \\mbox{ (not 3)}")]
    public void AnswerThatStatesTwoValues_IsWrong(string gold, string predicted)
    {
        var verdict = Verifier.Verify($"\\boxed{{{predicted}}}", gold);

        Assert.False(verdict.Correct, verdict.Reason);
    }

    [Theory]
    [InlineData("\\frac{1}{2}", "\\frac{1}{2} = 0.5")]
    [InlineData("0.5", "\\frac{1}{2} = 0.5")]
    [InlineData("3", "x = 3")]
    [InlineData("3", "3 = x")]
    [InlineData("15", "15 \\text{ cm}^2")]
    [InlineData("4", "2 + 2 = 4")]
    public void ConsistentChainsAndUnits_StayRight(string gold, string predicted)
    {
        var verdict = Verifier.Verify($"\\boxed{{{predicted}}}", gold);

        Assert.True(verdict.Correct, verdict.Reason);
    }
}
