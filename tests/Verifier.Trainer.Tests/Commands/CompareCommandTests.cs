using Verifier.Trainer.Commands;
using Verifier.Trainer.Metrics;

namespace Verifier.Trainer.Tests.Commands;

public sealed class CompareCommandTests
{
    private static StepMetrics[] Run(params double[] accuracy) =>
        [.. accuracy.Select((a, i) => new StepMetrics { Step = i + 1, AccuracyMean = a })];

    [Fact]
    public void StepsToThreshold_IsTheFirstStepWhoseTrailingMeanReachesIt()
    {
        // Trailing 3-step means: 0.2, 0.35, 0.5, 0.733, ...: step 4 is the first at or above 0.7.
        var history = Run(0.2, 0.5, 0.8, 0.9, 0.9);

        Assert.Equal(4, CompareCommand.StepsToThreshold(history, 0.7, window: 3));
    }

    [Fact]
    public void StepsToThreshold_CountsOnlyFullWindows()
    {
        // Step 1 alone is 0.95, but the first full 3-step window (0.95, 0.3, 0.3) is not; (0.3, 0.95, 0.95) at step 5 is.
        Assert.Equal(5, CompareCommand.StepsToThreshold(Run(0.95, 0.3, 0.3, 0.95, 0.95), 0.7, window: 3));
    }

    [Fact]
    public void StepsToThreshold_WhenNeverReached_IsNull()
    {
        Assert.Null(CompareCommand.StepsToThreshold(Run(0.1, 0.9, 0.1, 0.9), 0.7, window: 2));
    }
}
