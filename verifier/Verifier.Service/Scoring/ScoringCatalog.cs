using Verifier.Core.Rewards;

namespace Verifier.Service.Scoring;

/// <summary>What requests may name: languages with their test kinds, format templates, named reward components.</summary>
internal sealed class ScoringCatalog(ICodeScorer code, RewardCatalog rewards)
{
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Languages { get; } = code.Languages;

    public IReadOnlyDictionary<string, IReadOnlySet<string>> ReservedPaths { get; } = code.ReservedPaths;

    public IReadOnlySet<string> FormatTemplates { get; } = new SortedSet<string>(["r1"], StringComparer.Ordinal);

    public IReadOnlySet<string> RewardComponents { get; } = rewards.Names;
}
