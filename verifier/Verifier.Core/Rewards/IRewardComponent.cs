namespace Verifier.Core.Rewards;

/// <summary>
/// A named reward component beyond accuracy and format (a language-consistency rule, an operator's script).
/// Requests pick components by name with a weight. An implementation never throws for a bad completion: it
/// returns a null value with the reason, which makes the item's total unknown rather than wrong.
/// </summary>
public interface IRewardComponent
{
    string Name { get; }

    ValueTask<ComponentScore> ScoreAsync(RewardInput input, CancellationToken cancellationToken);
}

/// <summary>What a component may look at: the completion and, for math items, the gold answer.</summary>
public sealed record RewardInput(string Completion, string? Gold, IReadOnlyDictionary<string, string>? Metadata = null);

public readonly record struct ComponentScore(double? Value, string? Reason)
{
    public static ComponentScore Of(double value) => new(value, null);

    public static ComponentScore Unknown(string reason) => new(null, reason);
}
