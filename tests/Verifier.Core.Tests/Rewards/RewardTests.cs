using Verifier.Core.Rewards;

namespace Verifier.Core.Tests.Rewards;

public sealed class RewardTests
{
    [Fact]
    public void Combine_WhenAllKnown_ReturnsWeightedSum()
    {
        var total = Reward.Combine([new("accuracy", 1.0, 1.0), new("format", 1.0, 0.5)]);

        Assert.Equal(1.5, total);
    }

    [Fact]
    public void Combine_WhenWeightedComponentUnknown_ReturnsNullNotPartialSum()
    {
        var total = Reward.Combine([new("accuracy", null, 1.0), new("format", 1.0, 1.0)]);

        Assert.Null(total);
    }

    [Fact]
    public void Combine_WhenUnknownComponentHasZeroWeight_IgnoresIt()
    {
        var total = Reward.Combine([new("accuracy", null, 0.0), new("format", 1.0, 1.0)]);

        Assert.Equal(1.0, total);
    }

    [Fact]
    public void Combine_WhenNoComponents_ReturnsNull()
    {
        Assert.Null(Reward.Combine([]));
    }

    [Fact]
    public void Combine_WhenWrongAnswerWithGoodFormat_ScoresFormatOnly()
    {
        var total = Reward.Combine([new("accuracy", 0.0, 1.0), new("format", 1.0, 1.0)]);

        Assert.Equal(1.0, total);
    }
}
