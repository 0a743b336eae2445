using System.ComponentModel.DataAnnotations;

namespace Verifier.Service.Shutdown;

public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>
    /// How long in-flight requests may keep running after shutdown starts. Past it their unfinished items come
    /// back as <c>cancelled</c> (null reward), so every response is still complete before the host stops.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainDeadline { get; set; } = TimeSpan.FromSeconds(20);
}
