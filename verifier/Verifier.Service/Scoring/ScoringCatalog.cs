using Microsoft.Extensions.Options;
using Verifier.Core.Rewards;
using Verifier.Scripting;

namespace Verifier.Service.Scoring;

/// <summary>What requests may name: languages with their test kinds, format templates, extra reward components.</summary>
internal sealed class ScoringCatalog
{
    public ScoringCatalog(ICodeScorer code, RewardScriptSet scripts, IOptions<LanguageConsistencyOptions> languageConsistency)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(languageConsistency);
        Languages = code.Languages;
        var components = new Dictionary<string, IRewardComponent>(StringComparer.Ordinal);
        foreach (var (name, script) in languageConsistency.Value.Targets)
        {
            components.Add(name, new LanguageConsistency(name, script));
        }

        foreach (var component in scripts.Components)
        {
            if (!components.TryAdd(component.Name, component))
            {
                throw new InvalidOperationException($"reward script '{component.Name}' has the name of a built-in component; rename the file");
            }
        }

        Components = components;
        RewardComponents = new SortedSet<string>(components.Keys, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, IReadOnlySet<string>> Languages { get; }

    public IReadOnlySet<string> FormatTemplates { get; } = new SortedSet<string>(["r1"], StringComparer.Ordinal);

    public IReadOnlyDictionary<string, IRewardComponent> Components { get; }

    public IReadOnlySet<string> RewardComponents { get; }
}
