namespace Verifier.Sandbox;

/// <summary>
/// Whether the sandbox can run code now: the engine answers, has the configured container runtime, and every
/// language's image is present.
/// </summary>
public sealed record SandboxHealth
{
    public required bool Healthy { get; init; }

    public required bool EngineReachable { get; init; }

    /// <summary>Image reference to whether the engine has it.</summary>
    public IReadOnlyDictionary<string, bool> Images { get; init; } = new Dictionary<string, bool>();

    /// <summary>The OCI runtime containers run under (crun, runc), once resolved against the engine; null while it cannot be.</summary>
    public string? Runtime { get; init; }

    public int WarmContainers { get; init; }

    public int LiveContainers { get; init; }

    /// <summary>What is wrong, when something is.</summary>
    public string? Reason { get; init; }
}
