using Verifier.Core.Rewards;

namespace Verifier.Service.Scoring;

/// <summary>
/// Language-consistency components by name, each with the writing system its reasoning should use. The
/// default is R1's: <c>language_consistency</c>, Latin script.
/// </summary>
public sealed class LanguageConsistencyOptions
{
    public const string Section = "LanguageConsistency";

    public Dictionary<string, WritingScript> Targets { get; } = new(StringComparer.Ordinal) { ["language_consistency"] = WritingScript.Latin };
}
