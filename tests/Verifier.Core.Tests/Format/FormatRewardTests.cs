using Verifier.Core.Format;

namespace Verifier.Core.Tests.Format;

public sealed class FormatRewardTests
{
    [Theory]
    [InlineData("<think>2+2 is 4</think><answer>4</answer>")]
    [InlineData("  <think>\nreason\n</think>\n\n<answer>\\boxed{4}</answer>\n")]
    [InlineData("<think></think><answer></answer>")]
    public void Score_WhenTemplateFollowed_Returns1(string completion)
    {
        var verdict = FormatReward.Score(completion);

        Assert.Equal(1.0, verdict.Score);
        Assert.Null(verdict.Reason);
    }

    [Theory]
    [InlineData("4", "missing <answer>")]
    [InlineData("<think>x</think> 4", "missing <answer>")]
    [InlineData("<answer>4</answer>", "missing <think>")]
    [InlineData("<answer>4</answer><think>x</think>", "text after </answer>")]
    [InlineData("<think>x</think><answer>4</answer> trailing", "text after </answer>")]
    [InlineData("preamble <think>x</think><answer>4</answer>", "text before <think>")]
    [InlineData("<think>x</think> so <answer>4</answer>", "text between </think> and <answer>")]
    [InlineData("<think>x</think><answer>4</answer><answer>5</answer>", "found 2 and 2")]
    [InlineData("<think><think>x</think></think><answer>4</answer>", "found 2 and 2")]
    [InlineData("<think>x<answer>3</answer></think><answer>4</answer>", "found 2 and 2")]
    [InlineData("<think>x</think></answer>4<answer>", "comes before")]
    [InlineData("</think>x<think><answer>4</answer>", "comes before")]
    [InlineData("<think>x<answer>4</answer>", "found 1 and 0")]
    public void Score_WhenTemplateBroken_Returns0WithReason(string completion, string reasonPart)
    {
        var verdict = FormatReward.Score(completion);

        Assert.Equal(0.0, verdict.Score);
        Assert.Contains(reasonPart, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_WhenThinkNotRequired_AcceptsAnswerOnly()
    {
        var options = new FormatOptions { RequireThink = false };

        Assert.Equal(1.0, FormatReward.Score(" <answer>4</answer> ", options).Score);
        Assert.Equal(1.0, FormatReward.Score("<think>a</think><answer>4</answer>", options).Score);
        Assert.Equal(0.0, FormatReward.Score("chatter <answer>4</answer>", options).Score);
    }

    [Fact]
    public void Score_WhenThinkOpenedInPrompt_RequiresOnlyTheClosingTag()
    {
        var options = new FormatOptions { ThinkOpenedInPrompt = true };

        Assert.Equal(1.0, FormatReward.Score("reasoning here</think>\n<answer>4</answer>", options).Score);
        Assert.Equal(0.0, FormatReward.Score("<think>again</think><answer>4</answer>", options).Score);
    }

    [Fact]
    public void Score_WithCustomTagNames_UsesThem()
    {
        var options = new FormatOptions { ThinkTag = "reasoning", AnswerTag = "final" };

        Assert.Equal(1.0, FormatReward.Score("<reasoning>r</reasoning><final>4</final>", options).Score);
        Assert.Equal(0.0, FormatReward.Score("<think>r</think><answer>4</answer>", options).Score);
    }
}
