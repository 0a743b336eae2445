using System.ComponentModel.DataAnnotations;

namespace Verifier.Scripting;

/// <summary>Operator reward scripts: trusted configuration, never taken from requests.</summary>
public sealed class RewardScriptOptions
{
    public const string Section = "RewardScripts";

    /// <summary>A folder of <c>.csx</c> files; each becomes a reward component named after its file.</summary>
    public string? Directory { get; set; }

    [Range(1, 60_000)]
    public int TimeBudgetMs { get; set; } = 250;

    /// <summary>Script runs at once; a run that outlives its budget still holds its slot until it ends.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentRuns { get; set; } = 32;
}
