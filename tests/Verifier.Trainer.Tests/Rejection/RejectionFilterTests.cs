using Verifier.Trainer.Rejection;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Tasks;

namespace Verifier.Trainer.Tests.Rejection;

public sealed class RejectionFilterTests
{
    private static readonly TaskItem Task = new("1 + 2", "What is 1 + 2?", "prompt: What is 1 + 2?", TaskKind.Math, "3");
    private static readonly RewardScore Right = new(1, 1, 2);

    private static ScoredSample Sample(string completion, RewardScore score, int index, int? tokens = null) =>
        new(Task, completion, tokens ?? completion.Length, score, index);

    [Fact]
    public void Filter_KeepsOnlyCorrectAndFormattedSamples()
    {
        var filter = new RejectionFilter(new RejectionOptions());

        var kept = filter.Filter(
        [
            Sample("<think></think><answer>3</answer>", Right, 0),
            Sample("<think></think><answer>4</answer>", new RewardScore(0, 1, 1), 1),
            Sample("3", new RewardScore(1, 0, 1), 2),
        ]);

        var row = Assert.Single(kept);
        Assert.Equal(0, row.Sample);
        Assert.Equal(("prompt: What is 1 + 2?", 2.0, 1.0, 1.0), (row.Prompt, row.Reward, row.Accuracy, row.Format));
        var summary = filter.Summary(1);
        Assert.Equal((3, 1, 1, 1), (summary.Samples, summary.Incorrect, summary.Unformatted, summary.Kept));
    }

    [Fact]
    public void Filter_NeverKeepsUnknownVerdictsAndCountsThem()
    {
        var filter = new RejectionFilter(new RejectionOptions());

        var kept = filter.Filter(
        [
            Sample("a", RewardScore.Unknown, 0),
            Sample("b", new RewardScore(null, 1, null), 1),
            Sample("c", new RewardScore(1, null, 1), 2),
            Sample("d", new RewardScore(1, 1, null), 3),
        ]);
        filter.Filter([Sample("e", Right, 0)]);

        Assert.Empty(kept);
        var summary = filter.Summary(1);
        Assert.Equal(4, summary.Unknown);
        Assert.Equal(1, summary.Kept);
        Assert.Equal((2, 1, 0.5), (summary.Prompts, summary.PromptsCovered, summary.Coverage));
        Assert.Equal([1, 1], summary.KeptPerPrompt);
        Assert.Equal(0.2, summary.KeptRate, 9);
    }

    [Fact]
    public void Filter_WithDedupe_KeepsOneCopyOfARepeatedCompletion()
    {
        var filter = new RejectionFilter(new RejectionOptions { Dedupe = true });

        var kept = filter.Filter([Sample("x3", Right, 0), Sample("y3", Right, 1), Sample("x3 ", Right, 2), Sample("x3", Right, 3)]);

        Assert.Equal([0, 1], kept.Select(r => r.Sample));
        Assert.Equal(2, filter.Summary(0).Duplicates);
    }

    [Fact]
    public void Filter_WithoutDedupe_KeepsRepeats()
    {
        var filter = new RejectionFilter(new RejectionOptions());

        Assert.Equal(2, filter.Filter([Sample("x3", Right, 0), Sample("x3", Right, 1)]).Count);
    }

    [Fact]
    public void Filter_AtMostNShortestFirst_KeepsTheShortestInSamplingOrderOnTies()
    {
        var filter = new RejectionFilter(new RejectionOptions { MaxPerPrompt = 2, ShortestFirst = true });

        var kept = filter.Filter(
        [
            Sample("long", Right, 0, tokens: 9),
            Sample("short", Right, 1, tokens: 3),
            Sample("mid", Right, 2, tokens: 5),
            Sample("short too", Right, 3, tokens: 3),
        ]);

        Assert.Equal([1, 3], kept.Select(r => r.Sample));
        Assert.Equal(2, filter.Summary(0).OverCap);
    }

    [Fact]
    public void Filter_AtMostNWithoutShortestFirst_KeepsTheFirstSampled()
    {
        var filter = new RejectionFilter(new RejectionOptions { MaxPerPrompt = 1 });

        var kept = filter.Filter([Sample("long", Right, 0, tokens: 9), Sample("short", Right, 1, tokens: 3)]);

        Assert.Equal(0, Assert.Single(kept).Sample);
    }

    [Fact]
    public void Filter_WithDropMixedLanguage_DropsACompletionThatSwitchesScript()
    {
        var filter = new RejectionFilter(new RejectionOptions { DropMixedLanguage = true });

        var kept = filter.Filter(
        [
            Sample("<think>one plus two is three</think><answer>3</answer>", Right, 0),
            Sample("<think>one plus two 等于 three</think><answer>3</answer>", Right, 1),
            Sample("<think>1+2=3</think><answer>3</answer>", Right, 2),
        ]);

        Assert.Equal([0, 2], kept.Select(r => r.Sample));
        Assert.All(kept, r => Assert.Equal(1.0, r.LanguageConsistency));
        Assert.Equal(1, filter.Summary(0).MixedLanguage);
    }

    [Fact]
    public void Filter_WithoutDropMixedLanguage_KeepsItAndRecordsItsConsistency()
    {
        var filter = new RejectionFilter(new RejectionOptions());

        var row = Assert.Single(filter.Filter([Sample("<think>one plus two 等于 three</think><answer>3</answer>", Right, 0)]));

        Assert.Equal(4 / 6.0, row.LanguageConsistency, 9);
    }
}
