using Verifier.Trainer.Configuration;
using Verifier.Trainer.Training;

namespace Verifier.Trainer.Tests.Training;

public sealed class LearningRateTests
{
    [Fact]
    public void LearningRate_WarmsUpLinearlyThenDecaysByCosineToTheMinimum()
    {
        var opt = new OptimizerConfig { LearningRate = 1.0, WarmupSteps = 4, Schedule = "cosine", MinLearningRateRatio = 0.1 };

        Assert.Equal(0.25, GrpoTrainer.LearningRate(opt, 1, 104), 12);
        Assert.Equal(0.75, GrpoTrainer.LearningRate(opt, 3, 104), 12);
        Assert.Equal(1.0, GrpoTrainer.LearningRate(opt, 4, 104), 12);
        Assert.Equal(0.55, GrpoTrainer.LearningRate(opt, 54, 104), 12); // halfway: 0.1 + 0.9 * 0.5
        Assert.Equal(0.1, GrpoTrainer.LearningRate(opt, 104, 104), 12);
    }

    [Fact]
    public void LearningRate_Constant_StaysAfterWarmUp()
    {
        var opt = new OptimizerConfig { LearningRate = 0.5, WarmupSteps = 0, Schedule = "constant" };

        Assert.Equal(0.5, GrpoTrainer.LearningRate(opt, 1, 10), 12);
        Assert.Equal(0.5, GrpoTrainer.LearningRate(opt, 10, 10), 12);
    }
}
