using Verifier.Core.Math;
using Verifier.Core.Math.Extraction;

namespace Verifier.Core.Tests.Math.Extraction;

/// <summary>Which text of a completion is graded: tags, boxes, anchors, and the optional unanchored rules.</summary>
public sealed class AnswerExtractorTests
{
    private static readonly MathVerifier Verifier = TestVerifiers.Default;

    private static readonly MathVerifier Lenient = TestVerifiers.Create(new MathVerifierOptions
    {
        TimeBudget = TestVerifiers.GenerousTime,
        ExtractionRules = [ExtractionRule.Boxed, ExtractionRule.FinalAnswerIs, ExtractionRule.AnswerLabel, ExtractionRule.LastMath, ExtractionRule.LastNumber],
    });

    [Theory]
    [InlineData("<think>try 3</think><answer>7</answer>", "7")]
    [InlineData("<think>\\boxed{3}</think>\n<answer>\n$\\boxed{7}$\n</answer>", "7")]
    [InlineData("<answer>5</answer> later <answer> 7 </answer>", "7")]
    [InlineData("<think>a</think> The result: <answer>The answer is $x = 7$.</answer>", "x = 7")]
    [InlineData("<answer>\\frac{1}{2}", "\\frac{1}{2}")]
    public void ExtractAnswer_WhenAnswerTagPresent_ReadsTheLastTag(string completion, string expected)
    {
        Assert.Equal(expected, Verifier.ExtractAnswer(completion));
    }

    [Fact]
    public void ExtractAnswer_WhenThinkIsClosed_IgnoresItsContent()
    {
        Assert.Equal("12", Verifier.ExtractAnswer("<think>\\boxed{11}</think> so \\boxed{12}"));
    }

    [Fact]
    public void ExtractAnswer_WhenThinkIsUnclosed_FindsNothing()
    {
        Assert.Null(Verifier.ExtractAnswer("<think> long reasoning ... \\boxed{11}"));
    }

    [Fact]
    public void ExtractAnswer_WithCustomTags_UsesThem()
    {
        var custom = TestVerifiers.Create(new MathVerifierOptions { ThinkTag = "reasoning", AnswerTag = "final", TimeBudget = TestVerifiers.GenerousTime });

        Assert.Equal("9", custom.ExtractAnswer("<reasoning>\\boxed{8}</reasoning><final>9</final>"));
    }

    [Theory]
    [InlineData("first \\boxed{1} then \\boxed{2}. Wait, let me recheck everything again. \\boxed{3}", "3")]
    [InlineData("\\boxed{\\frac{a}{b}}", "\\frac{a}{b}")]
    [InlineData("\\boxed{\\{1, 2\\}}", "\\{1, 2\\}")]
    [InlineData("\\fbox{4}", "4")]
    [InlineData("\\boxed 5 is it", "5")]
    [InlineData("\\boxed{1} and \\boxed{2}", "1, 2")]
    [InlineData("$\\boxed{(2, 2)} \\quad \\text{and} \\quad \\boxed{(6, 2)}$", "(2, 2), (6, 2)")]
    [InlineData("\\(\\boxed{1}\\) and \\(\\boxed{-2}\\).", "1, -2")]
    [InlineData("\\boxed{1} no no no no no \\boxed{2}", "2")]
    [InlineData("\\boxed{x = 3", "x = 3")]
    [InlineData("\\\\boxed{7}", "7")]
    public void ExtractAnswer_ReadsTheLastBoxAndItsAdjacentBoxes(string completion, string expected)
    {
        Assert.Equal(expected, Verifier.ExtractAnswer(completion));
    }

    [Fact]
    public void Verify_WhenLastBoxIsEmpty_FindsNoAnswer()
    {
        var verdict = Verifier.Verify("earlier \\boxed{5}, finally \\boxed{}", "5");

        Assert.False(verdict.Correct);
        Assert.Null(verdict.Extracted);
    }

    [Theory]
    [InlineData("Final Answer: The final answer is $28\\%$. I hope it is correct.", "28\\%")]
    [InlineData("The final answer is 12,000,023. I hope it is correct.", "12,000,023")]
    [InlineData("Final Answer: The volume of $ABCD$ is 120. I hope it is correct.", "120")]
    [InlineData("Final Answer: Jane started 3 hours ago.", "3")]
    [InlineData("final answer is \\((-6, 10)\\).", "(-6, 10)")]
    [InlineData("The final answer is $12$ and $13$.", "12, 13")]
    public void ExtractAnswer_ReadsFinalAnswerStatements(string completion, string expected)
    {
        Assert.Equal(expected, Verifier.ExtractAnswer(completion));
    }

    [Theory]
    [InlineData("Answer: 17", "17")]
    [InlineData("**Answer:** $\\frac{3}{4}$", "\\frac{3}{4}")]
    [InlineData("So the answer is 42.", "42")]
    [InlineData("Answer \\[ 9 \\]", "9")]
    public void ExtractAnswer_ReadsAnswerLabels(string completion, string expected)
    {
        Assert.Equal(expected, Verifier.ExtractAnswer(completion));
    }

    [Fact]
    public void ExtractAnswer_PrefersTheBoxOverAStatedAnswer()
    {
        Assert.Equal("5", Verifier.ExtractAnswer("The final answer is 4. Actually \\boxed{5}"));
    }

    [Fact]
    public void ExtractAnswer_WithDefaultRules_IgnoresUnanchoredMath()
    {
        Assert.Null(Verifier.ExtractAnswer("Therefore $x \\geq 5$ is the solution."));
    }

    [Theory]
    [InlineData("Therefore $x \\geq 5$ is the solution.", "x \\geq 5")]
    [InlineData("so $d = 5$. There are 12 such sequences.", "12")]
    [InlineData("the number is not 10 which is 1,000.99€", "1000.99")]
    [InlineData("Soucis : 2,74 $ a..", "2.74")]
    [InlineData("It could be 5 or 6", "5, 6")]
    [InlineData("$1$ and $2$ and $3$", "1, 2, 3")]
    [InlineData("\\frac{10}{9}", "\\frac{10}{9}")]
    public void ExtractAnswer_WithUnanchoredRules_TakesTheLastSpanOrNumber(string completion, string? expected)
    {
        Assert.Equal(expected, Lenient.ExtractAnswer(completion));
    }

    [Theory]
    [InlineData("Answer $ \n 9 \n $", null)]
    [InlineData("Answer $$ \n 9 \n $$", "9")]
    [InlineData("Answer \\( \n 9 \n \\)", null)]
    [InlineData("Answer \\[ \n 9 \n \\]", "9")]
    [InlineData("costs 10$ and then $x$", "x")]
    public void ExtractAnswer_WithOnlyTheMathRule_KeepsInlineSpansOnOneLine(string completion, string? expected)
    {
        var mathOnly = TestVerifiers.Create(new MathVerifierOptions { ExtractionRules = [ExtractionRule.LastMath], TimeBudget = TestVerifiers.GenerousTime });

        Assert.Equal(expected, mathOnly.ExtractAnswer(completion));
    }

    [Theory]
    [InlineData("AZYUK2A", null)]
    [InlineData("7,425,000 apples", "7425000")]
    [InlineData("1 000", "1000")]
    [InlineData("1,22", "1.22")]
    [InlineData("0,111", "0.111")]
    [InlineData("the probability is 2/3.", "2/3")]
    [InlineData("it grows by 100%.", "100%")]
    public void ExtractAnswer_WithOnlyTheNumberRule_ReadsProseNumbers(string completion, string? expected)
    {
        var numbersOnly = TestVerifiers.Create(new MathVerifierOptions { ExtractionRules = [ExtractionRule.LastNumber], TimeBudget = TestVerifiers.GenerousTime });

        Assert.Equal(expected, numbersOnly.ExtractAnswer(completion));
    }

    [Fact]
    public void Verify_WhenNoAnswerIsFound_IsWrongNotUndecided()
    {
        var verdict = Verifier.Verify("I give up.", "3");

        Assert.False(verdict.Correct);
        Assert.Equal("no answer found", verdict.Reason);
    }
}
