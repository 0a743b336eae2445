using Microsoft.Extensions.Options;
using Verifier.Core.Rewards;

namespace Verifier.Service.Scoring;

/// <summary>One language-consistency component per configured target.</summary>
internal sealed class LanguageConsistencyComponents(IOptions<LanguageConsistencyOptions> options) : IRewardComponentSource
{
    public IEnumerable<IRewardComponent> Components { get; } =
        [.. options.Value.Targets.Select(target => new LanguageConsistency(target.Key, target.Value))];
}
