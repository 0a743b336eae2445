namespace Verifier.Core.Rewards;

/// <summary>Weights of the reward components. R1 adds accuracy and format with equal weight.</summary>
public sealed record RewardWeights(double Accuracy = 1.0, double Format = 1.0)
{
    public static RewardWeights R1 { get; } = new();
}
