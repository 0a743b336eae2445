using Docker.DotNet;
using Docker.DotNet.Models;

namespace Verifier.Sandbox.Benchmarks;

/// <summary>
/// The engine's container start-up limit, which bounds strict mode: create, start, wait for and remove a container
/// that runs `python3 -c pass` with the sandbox's containment, as `docker run --rm` would.
/// </summary>
internal sealed class EngineBaseline : IDisposable
{
    private readonly DockerClient _client = new DockerClientBuilder()
        .WithEndpoint(new Uri("unix:///var/run/docker.sock")).WithApiVersion(new System.Version(1, 41)).Build();

    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var created = await _client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = "verifier-sandbox-python:1",
            Cmd = ["python3", "-c", "pass"],
            User = "10001:10001",
            NetworkDisabled = true,
            Labels = new Dictionary<string, string> { ["io.verifier.sandbox.bench"] = "engine" },
            HostConfig = new HostConfig
            {
                NetworkMode = "none",
                ReadonlyRootfs = true,
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                Memory = 320L << 20,
                MemorySwap = 320L << 20,
                PidsLimit = 128,
                NanoCPUs = 1_000_000_000,
                Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,nosuid,nodev,size=128m" },
                LogConfig = new LogConfig { Type = "none" },
            },
        }, cancellationToken);
        try
        {
            await _client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken);
            var exit = await _client.Containers.WaitContainerAsync(created.ID, cancellationToken);
            return exit.StatusCode == 0;
        }
        finally
        {
            await _client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    public void Dispose() => _client.Dispose();
}
