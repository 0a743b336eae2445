using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Verifier.Sandbox.Engine;

/// <summary>The few engine calls the sandbox makes, over Docker.DotNet.</summary>
internal sealed class DockerEngine : IContainerEngine
{
    private readonly DockerClient _client;

    public DockerEngine(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new DockerClientBuilder().WithEndpoint(new Uri(options.DockerEndpoint));
        if (!string.IsNullOrEmpty(options.DockerApiVersion))
        {
            builder = builder.WithApiVersion(System.Version.Parse(options.DockerApiVersion));
        }

        if (!string.IsNullOrEmpty(options.TlsCertPath))
        {
            builder = builder.WithAuthProvider(EngineTls.Credentials(options.TlsCertPath));
        }

        _client = builder.Build();
        Endpoint = options.DockerEndpoint;
    }

    public string Endpoint { get; }

    public async Task PingAsync(CancellationToken cancellationToken) =>
        await _client.System.PingAsync(cancellationToken).ConfigureAwait(false);

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<EngineRuntimes> RuntimesAsync(CancellationToken cancellationToken)
    {
        var info = await _client.System.GetSystemInfoAsync(cancellationToken).ConfigureAwait(false);
        return new EngineRuntimes([.. info.Runtimes?.Keys ?? []], string.IsNullOrEmpty(info.DefaultRuntime) ? "runc" : info.DefaultRuntime);
    }

    public async Task<string> CreateAsync(CreateContainerParameters parameters, CancellationToken cancellationToken)
    {
        var response = await _client.Containers.CreateContainerAsync(parameters, cancellationToken).ConfigureAwait(false);
        return response.ID;
    }

    public Task<MultiplexedStream> AttachAsync(string id, CancellationToken cancellationToken) =>
        _client.Containers.AttachContainerAsync(
            id, new ContainerAttachParameters { Stream = true, Stdin = true, Stdout = true, Stderr = true }, cancellationToken);

    public async Task StartAsync(string id, CancellationToken cancellationToken)
    {
        var started = await _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        if (!started)
        {
            throw new InvalidOperationException($"container {ContainerIds.Short(id)} did not start");
        }
    }

    public async Task UpdateMemoryAsync(string id, long bytes, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.UpdateContainerAsync(id, new ContainerUpdateParameters { Memory = bytes, MemorySwap = bytes }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (MemoryInUseException.Says(e.Message))
        {
            throw new MemoryInUseException(e.Message, e);
        }
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Gone already, or being removed (AutoRemove after its supervisor exited): either way it does not stay.
        }
    }

    public async Task<string> VolumeFolderAsync(string volume, CancellationToken cancellationToken)
    {
        var inspected = await _client.Volumes.InspectAsync(volume, cancellationToken).ConfigureAwait(false);
        return inspected.Mountpoint;
    }

    public async Task<IReadOnlyList<string>> ListAsync(string label, string value, CancellationToken cancellationToken)
    {
        var containers = await _client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{label}={value}"] = true } },
            },
            cancellationToken).ConfigureAwait(false);
        return [.. containers.Select(c => c.ID)];
    }

    public async Task<ContainerInspectResponse?> InspectAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public void Dispose() => _client.Dispose();
}
