using Verifier.Core.Rewards;

namespace Verifier.Service.Scoring;

/// <summary>What requests may name: languages with their test kinds, format templates, extra reward components.</summary>
internal sealed class ScoringCatalog
{
    public ScoringCatalog(ICodeScorer code, IEnumerable<IRewardComponent> components)
    {
        ArgumentNullException.ThrowIfNull(code);
        Languages = code.Languages;
        Components = components.ToDictionary(c => c.Name, StringComparer.Ordinal);
        RewardComponents = new SortedSet<string>(Components.Keys, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, IReadOnlySet<string>> Languages { get; }

    public IReadOnlySet<string> FormatTemplates { get; } = new SortedSet<string>(["r1"], StringComparer.Ordinal);

    public IReadOnlyDictionary<string, IRewardComponent> Components { get; }

    public IReadOnlySet<string> RewardComponents { get; }
}
