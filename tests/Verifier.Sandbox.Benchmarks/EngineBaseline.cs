using Docker.DotNet;
using Docker.DotNet.Models;

namespace Verifier.Sandbox.Benchmarks;

/// <summary>
/// The engine's container start-up limit under one OCI runtime, which bounds strict mode on it: create, start, wait
/// for and remove a container that runs `python3 -c pass` with the sandbox's containment, as `docker run --rm` would.
/// </summary>
internal sealed class EngineBaseline(string runtime) : IDisposable
{
    /// <summary>The engine the benchmark runs on: DOCKER_HOST, as for the docker CLI, or the local socket.</summary>
    public static readonly string Endpoint = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";

    private readonly DockerClient _client = Client();

    private static DockerClient Client() =>
        new DockerClientBuilder().WithEndpoint(new Uri(Endpoint)).WithApiVersion(new System.Version(1, 41)).Build();

    /// <summary>The OCI runtimes registered with the engine.</summary>
    public static async Task<IReadOnlyCollection<string>> RuntimesAsync()
    {
        using var client = Client();
        var info = await client.System.GetSystemInfoAsync();
        return [.. info.Runtimes?.Keys ?? []];
    }

    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var created = await _client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = "verifier-sandbox-python:2",
            Cmd = ["python3", "-c", "pass"],
            User = "10001:10001",
            NetworkDisabled = true,
            Labels = new Dictionary<string, string> { ["io.verifier.sandbox.bench"] = "engine" },
            HostConfig = new HostConfig
            {
                Runtime = runtime,
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
