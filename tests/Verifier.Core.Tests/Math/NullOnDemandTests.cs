using Verifier.Core.Math;

namespace Verifier.Core.Tests.Math;

/// <summary>
/// Red-team (issue 11): a null reward is advantage 0 in GRPO, so for a wrong answer a null is a reward. An answer that
/// does not parse, or is too costly to check, or cannot be shown equal to an understood gold, is the answer's doing:
/// it is wrong. Only a gold that is not understood makes a check undecided.
/// </summary>
public class NullOnDemandTests
{
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    [Theory]
    [InlineData("5 )")]
    [InlineData("\\frac{}{}")]
    [InlineData("???")]
    [InlineData("2 \\text{ (alternatively } 3)")]
    [InlineData("10^{10^{10^{10}}}")]
    [InlineData("\\int_0^1 x dx")]
    [InlineData("\\sin(10^{100000})")]
    [InlineData("5!!!!!!!!")]
    [InlineData("(10^{9})!")]
    [InlineData("2^{2^{2^{2^{2^{2}}}}}")]
    public void WrongAnswerInAnUncheckableForm_IsWrong_NotUndecided(string answer)
    {
        var verdict = Verifier.Verify($"<think>unsure</think> \\boxed{{{answer}}}", "2");

        Assert.False(verdict.Correct, verdict.Reason);
        Assert.StartsWith("wrong", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void GoldThatIsNotUnderstood_IsUndecided()
    {
        var verdict = Verifier.Verify("\\boxed{2}", "\\frac{1}{");

        Assert.Null(verdict.Correct);
        Assert.Contains("gold", verdict.Reason, StringComparison.Ordinal);
    }
}
