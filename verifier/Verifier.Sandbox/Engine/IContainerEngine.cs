using Docker.DotNet;
using Docker.DotNet.Models;

namespace Verifier.Sandbox.Engine;

/// <summary>
/// The engine calls the sandbox makes, and no others. The pool's lifecycle (warm-up, reuse, eviction, failure,
/// shutdown) sits on this seam, so it can be tested against an in-memory engine on a fake clock as well as against
/// Docker itself (<see cref="DockerEngine"/>) or the host's runtime (<see cref="Oci.OciEngine"/>). An engine owns
/// what it talks through (a client, the runtime runs), so its owner disposes it.
/// </summary>
internal interface IContainerEngine : IDisposable
{
    /// <summary>Where the engine is, for messages that tell an operator what did not answer.</summary>
    string Endpoint { get; }

    Task PingAsync(CancellationToken cancellationToken);

    Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken);

    /// <summary>The OCI runtimes registered with the engine (runc, crun, ...) and the one it uses when none is named.</summary>
    Task<EngineRuntimes> RuntimesAsync(CancellationToken cancellationToken);

    /// <summary>Creates (does not start) a container; returns its id.</summary>
    Task<string> CreateAsync(CreateContainerParameters parameters, CancellationToken cancellationToken);

    /// <summary>Attaches to a container's stdin, stdout and stderr: the channel to its supervisor.</summary>
    Task<MultiplexedStream> AttachAsync(string id, CancellationToken cancellationToken);

    Task StartAsync(string id, CancellationToken cancellationToken);

    /// <summary>Sets a running container's memory limit (swap equal to it).</summary>
    /// <exception cref="MemoryInUseException">The container holds more than the new limit already.</exception>
    Task UpdateMemoryAsync(string id, long bytes, CancellationToken cancellationToken);

    /// <summary>Kills and removes a container; one that is already gone (or going) counts as removed.</summary>
    Task RemoveAsync(string id, CancellationToken cancellationToken);

    /// <summary>The folder on the engine's host that holds a named volume's files.</summary>
    Task<string> VolumeFolderAsync(string volume, CancellationToken cancellationToken);

    /// <summary>Ids of the containers (running or not) that carry the given label value.</summary>
    Task<IReadOnlyList<string>> ListAsync(string label, string value, CancellationToken cancellationToken);
}
