using System.Collections.Concurrent;
using Docker.DotNet;
using Docker.DotNet.Models;
using Verifier.Sandbox.Engine;

namespace Verifier.Sandbox.Tests.Transport;

/// <summary>The real engine, with a count of every call the sandbox makes to it, by name.</summary>
internal sealed class CountingEngine(DockerEngine inner) : IContainerEngine
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public string Endpoint => inner.Endpoint;

    /// <summary>The calls so far, by name (Create, Attach, Start, UpdateMemory, Remove, ...).</summary>
    public IReadOnlyDictionary<string, int> Calls => new Dictionary<string, int>(_calls);

    public int Total => _calls.Values.Sum();

    private void Count(string name) => _calls.AddOrUpdate(name, 1, (_, n) => n + 1);

    public Task PingAsync(CancellationToken cancellationToken)
    {
        Count("Ping");
        return inner.PingAsync(cancellationToken);
    }

    public Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        Count("ImageExists");
        return inner.ImageExistsAsync(image, cancellationToken);
    }

    public Task<string> CreateAsync(CreateContainerParameters parameters, CancellationToken cancellationToken)
    {
        Count("Create");
        return inner.CreateAsync(parameters, cancellationToken);
    }

    public Task<MultiplexedStream> AttachAsync(string id, CancellationToken cancellationToken)
    {
        Count("Attach");
        return inner.AttachAsync(id, cancellationToken);
    }

    public Task StartAsync(string id, CancellationToken cancellationToken)
    {
        Count("Start");
        return inner.StartAsync(id, cancellationToken);
    }

    public Task UpdateMemoryAsync(string id, long bytes, CancellationToken cancellationToken)
    {
        Count("UpdateMemory");
        return inner.UpdateMemoryAsync(id, bytes, cancellationToken);
    }

    public Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        Count("Remove");
        return inner.RemoveAsync(id, cancellationToken);
    }

    public Task<EngineRuntimes> RuntimesAsync(CancellationToken cancellationToken)
    {
        Count("Runtimes");
        return inner.RuntimesAsync(cancellationToken);
    }

    public Task<string> VolumeFolderAsync(string volume, CancellationToken cancellationToken)
    {
        Count("VolumeFolder");
        return inner.VolumeFolderAsync(volume, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListAsync(string label, string value, CancellationToken cancellationToken)
    {
        Count("List");
        return inner.ListAsync(label, value, cancellationToken);
    }

    public void Dispose() => inner.Dispose();
}
