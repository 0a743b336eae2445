using Verifier.Trainer.Grpo;

namespace Verifier.Trainer.Tests.Grpo;

public sealed class AdvantagesTests
{
    [Fact]
    public void Compute_GroupScaling_NormalisesEachGroupBySampleStd()
    {
        // Group 1: mean 1, sample std sqrt(((−1)^2 + 0 + 1^2) / 2) = 1. Group 2: mean 2, std 0.
        var advantages = Advantages.Compute([0.0, 1.0, 2.0, 2.0, 2.0, 2.0], 3, AdvantageScaling.Group, 0.0);

        Assert.Equal([-1.0, 0.0, 1.0, 0.0, 0.0, 0.0], advantages);
    }

    [Fact]
    public void Compute_GroupScaling_AddsEpsilonToStd()
    {
        var advantages = Advantages.Compute([0.0, 2.0], 2, AdvantageScaling.Group, 0.5);

        // mean 1, std sqrt(2); (0 − 1) / (sqrt(2) + 0.5)
        Assert.Equal(-1 / (Math.Sqrt(2) + 0.5), advantages[0], 12);
        Assert.Equal(1 / (Math.Sqrt(2) + 0.5), advantages[1], 12);
    }

    [Fact]
    public void Compute_NoScaling_OnlyCentres()
    {
        var advantages = Advantages.Compute([1.0, 2.0, 0.0, 3.0], 2, AdvantageScaling.None, 1e-4);

        Assert.Equal([-0.5, 0.5, -1.5, 1.5], advantages);
    }

    [Fact]
    public void Compute_BatchScaling_DividesByStdOfWholeBatch()
    {
        double?[] rewards = [1.0, 2.0, 0.0, 3.0];
        var batchStd = Math.Sqrt(((1 - 1.5) * (1 - 1.5) + (2 - 1.5) * (2 - 1.5) + (0 - 1.5) * (0 - 1.5) + (3 - 1.5) * (3 - 1.5)) / 3);

        var advantages = Advantages.Compute(rewards, 2, AdvantageScaling.Batch, 0.0);

        Assert.Equal(-0.5 / batchStd, advantages[0], 12);
        Assert.Equal(1.5 / batchStd, advantages[3], 12);
    }

    [Fact]
    public void Compute_WhenRewardUnknown_GivesZeroAndLeavesItOutOfTheGroupStatistics()
    {
        // Without the null the group would be {0, 1, x}; with it, the mean and std come from {0, 1} only.
        var advantages = Advantages.Compute([0.0, 1.0, null], 3, AdvantageScaling.None, 0.0);

        Assert.Equal([-0.5, 0.5, 0.0], advantages);
    }

    [Fact]
    public void Compute_WhenWholeGroupUnknown_GivesZeros()
    {
        var advantages = Advantages.Compute([null, null, 1.0, 0.0], 2, AdvantageScaling.Group, 1e-4);

        Assert.Equal(0.0, advantages[0]);
        Assert.Equal(0.0, advantages[1]);
        Assert.Equal(0.5 / (Math.Sqrt(0.5) + 1e-4), advantages[2], 12);
    }

    [Fact]
    public void Compute_WhenCountNotMultipleOfGroup_Throws()
    {
        Assert.Throws<ArgumentException>(() => Advantages.Compute([1.0, 2.0, 3.0], 2, AdvantageScaling.Group, 0));
    }
}
