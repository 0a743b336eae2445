namespace Verifier.Sandbox;

/// <summary>Whether the sandbox can run code now: the engine answers and every language's image is present.</summary>
public sealed record SandboxHealth
{
    public required bool Healthy { get; init; }

    public required bool EngineReachable { get; init; }

    /// <summary>Image reference to whether the engine has it.</summary>
    public IReadOnlyDictionary<string, bool> Images { get; init; } = new Dictionary<string, bool>();

    public int WarmContainers { get; init; }

    public int LiveContainers { get; init; }

    /// <summary>What is wrong, when something is.</summary>
    public string? Reason { get; init; }
}
