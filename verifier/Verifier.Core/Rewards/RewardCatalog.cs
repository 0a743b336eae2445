namespace Verifier.Core.Rewards;

/// <summary>
/// Every named reward component a request may ask for, built once at start from the registered components and
/// sources. Two components with one name, or one named like a built-in part of the reward, stop the start: the
/// operator learns at boot, not from the first request that names it.
/// </summary>
public sealed class RewardCatalog
{
    /// <summary>The parts every item may have besides named components; no component may take their names.</summary>
    public static readonly IReadOnlySet<string> BuiltInParts = new SortedSet<string>(["accuracy", "format"], StringComparer.Ordinal);

    private readonly Dictionary<string, IRewardComponent> _components = new(StringComparer.Ordinal);

    public RewardCatalog(IEnumerable<IRewardComponent> components, IEnumerable<IRewardComponentSource> sources)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var component in components.Concat(sources.SelectMany(s => s.Components)))
        {
            if (BuiltInParts.Contains(component.Name))
            {
                throw new InvalidOperationException(
                    $"reward component '{component.Name}' ({Origin(component)}) has the name of a built-in part of the reward; rename it");
            }

            if (!_components.TryAdd(component.Name, component))
            {
                throw new InvalidOperationException(
                    $"two reward components are named '{component.Name}' ({Origin(_components[component.Name])} and {Origin(component)}); " +
                    "rename one (a script is named by its file, a language-consistency component by its target's key)");
            }
        }

        Names = new SortedSet<string>(_components.Keys, StringComparer.Ordinal);
    }

    public static RewardCatalog Empty { get; } = new([], []);

    public IReadOnlySet<string> Names { get; }

    public IRewardComponent this[string name] => _components[name];

    private static string Origin(IRewardComponent component) => component.GetType().Name;
}
