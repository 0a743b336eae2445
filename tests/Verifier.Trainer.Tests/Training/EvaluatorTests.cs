using Verifier.Trainer.Configuration;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tests.Training;

public sealed class EvaluatorTests
{
    public EvaluatorTests() => TorchTestSetup.Ensure();

    [Fact]
    public async Task Run_WithGreedySampling_MajorityEqualsPassAt1()
    {
        var config = new TrainerConfig
        {
            Model = { Dim = 16, Layers = 1, Heads = 2 },
            Sampling = { Temperature = 0 },
            Run = { Device = "cpu", Threads = 1 },
        };
        using var setup = TrainingSetup.Create(config);

        var result = await Evaluator.RunAsync(setup, new LocalRewardSource(), prompts: 20, samples: 3, seed: 1);

        // Greedy: the three samples of a prompt are identical, so the vote is that one answer.
        Assert.Equal(20, result.Prompts);
        Assert.Equal(result.PassAt1, result.MajAtK);
        Assert.Equal(1.0, result.FormatMean);
        Assert.Equal(0.0, result.UnknownFraction);
        Assert.InRange(result.PassAt1!.Value, 0, 1);
    }

    [Theory]
    [InlineData("<think>x</think><answer> 42 </answer>", "42")]
    [InlineData("<answer>1</answer> then <answer>2</answer>", "2")]
    [InlineData("<think>no answer</think>", null)]
    public void ExtractAnswer_TakesTheLastAnswerTag(string completion, string? expected)
    {
        Assert.Equal(expected, Evaluator.ExtractAnswer(completion));
    }
}
