using Verifier.Core.Math;

namespace Verifier.Core.Tests.Math;

/// <summary>
/// Hostile input must be decided (an answer too costly to check is wrong), never crash, hang or be called correct on doubt.
/// Depth limits are explicit, so none of these can exhaust the stack.
/// </summary>
public sealed class RobustnessTests
{
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    /// <summary>No answer-length limit, so that the parser's own depth guards are what stops deep input.</summary>
    private static readonly MathVerifier LongAnswers = TestVerifiers.Create(new MathVerifierOptions
    {
        MaxAnswerLength = 1_000_000,
        TimeBudget = TestVerifiers.GenerousTime,
    });

    [Fact]
    public void CompareAnswers_WhenPowerTowerIsHuge_RecognizesItselfAndRejectsItsSuccessor()
    {
        Assert.True(Verifier.CompareAnswers("9^{9^{9}}", "9^{9^{9}}").Correct);
        Assert.NotEqual(true, Verifier.CompareAnswers("9^{9^{9}}", "9^{9^{9}}+1").Correct);
        Assert.NotEqual(true, Verifier.CompareAnswers("9^{9^{9}}", "9^{9^{9}+1}").Correct);
    }

    [Fact]
    public void CompareAnswers_WhenPowerTowerIsRewritten_IsStillEqual()
    {
        var verdict = Verifier.CompareAnswers("9^{9^{9}}", "3^{2 \\cdot 9^{9}}");

        Assert.True(verdict.Correct, verdict.Reason);
    }

    [Theory]
    [InlineData("{", "}")]
    [InlineData("(", ")")]
    [InlineData("\\frac{1}{", "}")]
    [InlineData("\\sqrt{", "}")]
    [InlineData("x^{", "}")]
    [InlineData("|", "|")]
    [InlineData("-", "")]
    [InlineData("\\left(", "\\right)")]
    public void Verify_WhenNestingIsTenThousandDeep_GivesUpWithoutCrashing_AndChargesTheAnswer(string open, string close)
    {
        var deep = string.Concat(Enumerable.Repeat(open, 10_000)) + "1" + string.Concat(Enumerable.Repeat(close, 10_000));

        var verdict = LongAnswers.Verify("\\boxed{" + deep + "}", "1");
        var limited = Verifier.Verify("\\boxed{" + deep + "}", "1");

        Assert.False(verdict.Correct);
        Assert.NotNull(verdict.Reason);
        Assert.False(limited.Correct);
    }

    [Theory]
    [InlineData("1/", "1")]
    [InlineData("\\begin{pmatrix}1 & 1\\\\0 & 1\\end{pmatrix}", "")]
    [InlineData("1/2 \\cdot ", "3")]
    [InlineData("5!", "")]
    [InlineData("x\\%", "")]
    [InlineData("[0,1] \\cup [2,3] \\cap ", "[0,1]")]
    [InlineData("-", "1")]
    [InlineData("1 - ", "1")]
    [InlineData("x^\\circ", "")]
    public void Verify_WhenAnOperatorRepeatsTenThousandTimes_DoesNotOverflowTheStack(string repeated, string tail)
    {
        var long_ = string.Concat(Enumerable.Repeat(repeated, 10_000)) + tail;

        var verdict = LongAnswers.Verify("\\boxed{" + long_ + "}", "1");

        Assert.NotEqual(true, verdict.Correct);
    }

    [Fact]
    public void Verify_WhenCompletionIsOneMegabyte_StillFindsTheFinalBox()
    {
        var prose = string.Concat(Enumerable.Repeat("We consider $x_1 = 3$ and \\(y\\) again; 12, 13 or 14. ", 20_000));
        Assert.True(prose.Length > 1_000_000);

        var verdict = Verifier.Verify(prose + "So the answer is $\\boxed{42}$.", "42");

        Assert.True(verdict.Correct, verdict.Reason);
    }

    [Theory]
    [InlineData("\\(")]
    [InlineData("$")]
    [InlineData("\\boxed{")]
    [InlineData("{")]
    [InlineData("final answer is ")]
    [InlineData("7")]
    public void Verify_WhenOneMegabyteRepeatsAFragment_EndsDecidedOrUndecided(string fragment)
    {
        var completion = string.Concat(Enumerable.Repeat(fragment, 1_048_576 / fragment.Length));

        var verdict = Verifier.Verify(completion, "42");

        Assert.NotEqual(true, verdict.Correct);
    }

    [Fact]
    public void Verify_WhenBoxedAnswerIsHuge_IsWrong()
    {
        var sum = string.Join("+", Enumerable.Repeat("1", 100_000));

        var verdict = Verifier.Verify("\\boxed{" + sum + "}", "100000");

        Assert.False(verdict.Correct);
    }

    [Theory]
    [InlineData("10^{10^{10}}", "10^{10^{10}}+1")]
    [InlineData("(10^{10})!", "(10^{10})!+1")]
    [InlineData("\\binom{10^{9}}{5 \\cdot 10^{8}}", "0")]
    [InlineData("2^{2^{2^{2^{2^{2}}}}}", "2^{2^{2^{2^{2^{2}}}}} - 1")]
    [InlineData("e^{e^{e^{e^{10}}}}", "e^{e^{e^{e^{10}}}} + 1")]
    [InlineData("\\sin(10^{100})", "0.5")]
    public void CompareAnswers_WhenNumbersAreAstronomical_NeverSaysCorrect(string gold, string predicted)
    {
        var verdict = Verifier.CompareAnswers(gold, predicted);

        Assert.NotEqual(true, verdict.Correct);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\\")]
    [InlineData("}}}{{{")]
    [InlineData("\\frac")]
    [InlineData("\\begin{pmatrix}")]
    [InlineData("\\sqrt[")]
    [InlineData("^^^")]
    [InlineData("\0\u0001\uffff")]
    [InlineData("\\left( \\right]")]
    public void Verify_WhenAnswerIsGarbage_DoesNotThrow(string garbage)
    {
        var verdict = Verifier.Verify("\\boxed{" + garbage + "}", "1");

        Assert.NotEqual(true, verdict.Correct);
    }

    [Fact]
    public void Verify_WhenTheAnswerSpendsTheStepBudget_ItIsWrong_WhenTheGoldDoes_Undecided()
    {
        var stingy = new MathVerifier(new MathVerifierOptions { StepBudget = 1_000, TimeBudget = TestVerifiers.GenerousTime });

        // The answer's form is the submission's choice: an answer too costly to check is charged, never nulled.
        var answer = stingy.Verify("\\boxed{\\frac{2005 \\cdot 2006}{2006!}}", "\\frac{1}{2004!}");
        var gold = stingy.Verify("\\boxed{1}", string.Join("+", Enumerable.Repeat("1", 5_000)));

        Assert.False(answer.Correct);
        Assert.Contains("budget", answer.Reason, StringComparison.Ordinal);
        Assert.Null(gold.Correct);
    }
}
