namespace Verifier.Core.Rewards;

/// <summary>
/// Registered in dependency injection beside single <see cref="IRewardComponent"/> registrations, for components
/// whose number is known only at start: one per configured language target, one per reward script file.
/// </summary>
public interface IRewardComponentSource
{
    IEnumerable<IRewardComponent> Components { get; }
}
