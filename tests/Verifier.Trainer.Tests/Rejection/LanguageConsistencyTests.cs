using Verifier.Trainer.Rewards;
using Verifier.Trainer.Tasks;

namespace Verifier.Trainer.Tests.Rejection;

public sealed class LanguageConsistencyTests
{
    [Theory]
    [InlineData("What is 2 + 3?", "<think>two plus three</think><answer>5</answer>", 1.0)]
    [InlineData("What is 2 + 3?", "<think>2+3=5</think><answer>5</answer>", 1.0)]
    [InlineData("What is 2 + 3?", "<think>two 加 three</think><answer>5</answer>", 2 / 3.0)]
    [InlineData("2 加 3 等于多少?", "<think>二加三等于五</think><answer>5</answer>", 1.0)]
    [InlineData("2 加 3 等于多少?", "<think>two plus three</think><answer>5</answer>", 0.0)]
    [InlineData("Сколько будет 2 + 3?", "<think>два плюс три, wait</think><answer>5</answer>", 0.75)]
    public void Score_IsTheFractionOfWordsInTheQuestionsScript(string question, string completion, double expected)
    {
        Assert.Equal(expected, LanguageConsistency.Score(question, completion), 9);
    }

    [Fact]
    public async Task RewardSource_AddsWeightedConsistencyToTheVerifiersReward()
    {
        var task = new TaskItem("2 + 3", "What is 2 + 3?", "What is 2 + 3?", TaskKind.Math, "5");
        RewardRequest[] requests = [new(task, "<think>two 加 three</think><answer>5</answer>"), new(task, "<think>two plus three</think><answer>6</answer>")];
        var verifier = new LocalRewardSource();

        var plain = await verifier.ScoreAsync(requests);
        var scores = await new LanguageConsistencyRewardSource(verifier, weight: 0.5).ScoreAsync(requests);

        Assert.Equal(plain[0].Reward!.Value + (0.5 * 2 / 3.0), scores[0].Reward!.Value, 9);
        Assert.Equal(plain[1].Reward!.Value + 0.5, scores[1].Reward!.Value, 9);
        Assert.Equal(plain.Select(s => s.Accuracy), scores.Select(s => s.Accuracy));
    }
}
