using System.ComponentModel.DataAnnotations;

namespace Verifier.Service.Scoring;

public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>
    /// Items still running (or still waiting for a sandbox slot) when a request reaches this age come back as
    /// <c>timeout</c> with a null reward. There is no per-item clock here: a code item's run is bounded by the sandbox,
    /// counted from when it starts running (its tests' budget, <c>Sandbox:ItemTimeBudgetMs</c>), so the time an item
    /// waits behind slow batch-mates never becomes its verdict. This must exceed the longest run of one item
    /// (<c>SandboxOptions.MaxItemRunTime</c>: with the defaults about 8.5 minutes, a custom checker's course included).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Code items one tenant may have in the sandbox at once, so one big batch cannot starve the others.</summary>
    [Range(1, 4096)]
    public int TenantCodeConcurrency { get; set; } = 32;

    /// <summary>Math and format items are CPU work; a large batch is split into chunks spread over the cores.</summary>
    [Range(1, 4096)]
    public int CpuChunkSize { get; set; } = 64;
}
