namespace Verifier.Sandbox;

/// <summary>
/// One Docker engine of the fleet (<see cref="SandboxOptions.Engines"/>): where it is, how many runs it takes at once,
/// the OCI runtime its containers run under, and which languages it has images for.
/// </summary>
public sealed class EngineOptions
{
    /// <summary>Names the engine in metrics, health and logs; unique within the list.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>unix:///var/run/docker.sock</c>, or <c>tcp://host:2376</c> with <see cref="TlsCertPath"/>.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>As <see cref="SandboxOptions.TlsCertPath"/>, for this engine.</summary>
    public string? TlsCertPath { get; set; }

    /// <summary>As <see cref="SandboxOptions.Runtime"/>, for this engine: <c>auto</c>, <c>runc</c>, <c>crun</c>, <c>runsc</c> (gVisor).</summary>
    public string Runtime { get; set; } = "auto";

    /// <summary>
    /// Runs this engine holds at once (its cores, roughly: a run is one busy process); 0 means
    /// <see cref="SandboxOptions.MaxConcurrentRuns"/>. Placement sends each submission to the engine with the most of it free.
    /// </summary>
    public int Capacity { get; set; }

    /// <summary>The languages this engine has images for; empty means all of them.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>As <see cref="SandboxOptions.Channel"/>, for this engine.</summary>
    public SupervisorTransportKind Channel { get; set; } = SupervisorTransportKind.Auto;
}
