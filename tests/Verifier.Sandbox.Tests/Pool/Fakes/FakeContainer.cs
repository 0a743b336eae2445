using Docker.DotNet.Models;
using Verifier.Sandbox.Engine;

namespace Verifier.Sandbox.Tests.Pool.Fakes;

/// <summary>One container of the fake engine: what it was created with, whether it runs, and its supervisor's stream.</summary>
internal sealed class FakeContainer(string id, IDictionary<string, string> labels, long memoryBytes)
{
    public string Id { get; } = id;

    public IDictionary<string, string> Labels { get; } = labels;

    public string? Language => Labels.TryGetValue(ContainerLabels.Language, out var language) ? language : null;

    public long MemoryBytes { get; set; } = memoryBytes;

    /// <summary>The OCI runtime it was created to run under; null for the engine's default.</summary>
    public string? Runtime { get; init; }

    public bool Started { get; set; }

    public FakeSupervisorStream Supervisor { get; } = new();

    public static FakeContainer From(string id, CreateContainerParameters parameters) =>
        new(id, new Dictionary<string, string>(parameters.Labels), parameters.HostConfig?.Memory ?? 0) { Runtime = parameters.HostConfig?.Runtime };
}
