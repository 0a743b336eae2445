namespace Verifier.Core.Rewards;

/// <summary>Combines components into the total reward: the weighted sum, or null if any weighted part is unknown.</summary>
public static class Reward
{
    /// <summary>
    /// Pass only the components the caller asked for. A component with weight 0 never affects the total, so
    /// it cannot make it unknown either. Any other unknown component makes the total unknown: reporting the
    /// sum of the rest would hand the trainer a reward lower than the truth, which is exactly the
    /// "infrastructure failure as 0" poisoning this project exists to avoid. No components at all is unknown too.
    /// </summary>
    public static double? Combine(IEnumerable<RewardComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        var total = 0.0;
        var any = false;
        foreach (var component in components)
        {
            any = true;
            if (component.Weight == 0.0)
            {
                continue;
            }

            if (component.Value is not { } value)
            {
                return null;
            }

            total += component.Weight * value;
        }

        return any ? total : null;
    }
}
