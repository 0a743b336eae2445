using Verifier.Core.Math;

namespace Verifier.Core.Tests.Math.Equivalence;

/// <summary>
/// Equations whose sides have no rational value at rational points (sin, cos, e^x): the same when lhs - rhs of one is
/// a nonzero constant multiple of the other's, different when it provably is not; they used to stay undecided.
/// </summary>
public sealed class EquationsOfFunctionsTests
{
    private const string NotEquivalent = "not equivalent to the gold answer";
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    [Theory]
    [InlineData("2\\sin x = 1", "\\sin x = \\frac12")]
    [InlineData("\\sin x = \\frac12", "\\frac12 = \\sin x")]
    [InlineData("\\sin x = \\frac12", "-2\\sin x = -1")]
    [InlineData("\\sin x + \\cos x = 1", "\\cos x + \\sin x = 1")]
    [InlineData("y = \\sin x", "2y = 2\\sin x")]
    [InlineData("e^{x} = 2", "3e^{x} - 6 = 0")]
    public void CompareAnswers_WhenEquationsAreProportional_IsCorrect(string gold, string predicted)
    {
        Assert.True(Verifier.CompareAnswers(gold, predicted).Correct);
        Assert.True(Verifier.CompareAnswers(predicted, gold).Correct);
    }

    [Theory]
    [InlineData("\\sin x = 42/59", "\\cos x = 42/59")]
    [InlineData("\\sin x = \\frac12", "\\sin x = \\frac13")]
    [InlineData("\\sin x = \\frac12", "\\sin^2 x = \\frac14")]
    [InlineData("y = \\sin x", "y = \\cos x")]
    [InlineData("\\sin(x) = 0", "\\sin(2x) = 0")]
    public void CompareAnswers_WhenEquationsAreNotProportional_IsDecidedDifferent(string gold, string predicted)
    {
        var verdict = Verifier.CompareAnswers(gold, predicted);

        Assert.False(verdict.Correct);
        Assert.Equal(NotEquivalent, verdict.Reason);
    }

    [Fact]
    public void CompareAnswers_WhenInequalitiesOfFunctions_StayUndecidedNeverCorrect()
    {
        // An inequality would also need the sign of the constant; without it nothing is concluded.
        var verdict = Verifier.CompareAnswers("\\sin x > \\frac12", "2\\sin x > 1");

        Assert.False(verdict.Correct);
        Assert.NotEqual(NotEquivalent, verdict.Reason);
    }
}
