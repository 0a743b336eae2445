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

    /// <summary>What is wrong, when something is: with several engines, each engine that cannot run code, by name.</summary>
    public string? Reason { get; init; }

    /// <summary>Each engine of the fleet (one, without <see cref="SandboxOptions.Engines"/>); the sandbox is healthy while one is.</summary>
    public IReadOnlyList<EngineHealth> Engines { get; init; } = [];
}

/// <summary>One engine's health and load.</summary>
public sealed record EngineHealth
{
    public required string Name { get; init; }

    public required string Endpoint { get; init; }

    /// <summary>It answers, has its runtime and the images of the languages it serves.</summary>
    public required bool Healthy { get; init; }

    public required bool Reachable { get; init; }

    public string? Runtime { get; init; }

    /// <summary>Runs it holds at once, and submissions placed on it now.</summary>
    public int Capacity { get; init; }

    public int InUse { get; init; }

    public int WarmContainers { get; init; }

    public int LiveContainers { get; init; }

    /// <summary>The languages it serves; empty means all.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    public IReadOnlyDictionary<string, bool> Images { get; init; } = new Dictionary<string, bool>();

    public string? Reason { get; init; }
}
