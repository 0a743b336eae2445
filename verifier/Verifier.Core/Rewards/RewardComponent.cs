namespace Verifier.Core.Rewards;

/// <summary>
/// One scored component of a reward. <see cref="Value"/> is null when the component could not be decided;
/// it is then reported as null, never as 0, and it makes the total unknown.
/// </summary>
public readonly record struct RewardComponent(string Name, double? Value, double Weight);
