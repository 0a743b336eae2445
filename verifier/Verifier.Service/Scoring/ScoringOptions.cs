using System.ComponentModel.DataAnnotations;

namespace Verifier.Service.Scoring;

public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>Backstop for one item; the sandbox enforces the submission's own limits well inside it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ItemTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Items still running when a request reaches this age come back as <c>timeout</c> with a null reward.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Code items one tenant may have in the sandbox at once, so one big batch cannot starve the others.</summary>
    [Range(1, 4096)]
    public int TenantCodeConcurrency { get; set; } = 32;

    /// <summary>Math and format items are CPU work; a large batch is split into chunks spread over the cores.</summary>
    [Range(1, 4096)]
    public int CpuChunkSize { get; set; } = 64;
}
