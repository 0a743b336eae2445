using Docker.DotNet;

namespace Verifier.Sandbox.Tests.Infrastructure;

/// <summary>
/// The Docker tests run for real: CI guarantees an engine and the images. When either is missing the tests fail
/// (they are never skipped) with a message that says how to fix it. The engine is the one DOCKER_HOST names, as for
/// the docker CLI (default: the local socket), so a suite can run against a second engine.
/// </summary>
internal static class DockerEnvironment
{
    public static readonly string Endpoint = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";

    /// <summary>
    /// VERIFIER_SANDBOX_RUNTIME: the OCI runtime every test sandbox is configured with (Sandbox:Runtime), so that the
    /// verdict and containment suites can run once per runtime (test.sh does); unset, the sandbox's default (auto).
    /// </summary>
    public static readonly string? Runtime = Environment.GetEnvironmentVariable("VERIFIER_SANDBOX_RUNTIME") is { Length: > 0 } runtime ? runtime : null;
    /// <summary>
    /// VERIFIER_SANDBOX_ENDPOINT: the engine every test sandbox drives (Sandbox:DockerEndpoint), where it is not the
    /// Docker engine the tests inspect: <c>oci:///var/lib/verifier-oci</c> runs the verdict and containment suites on the
    /// host's runtime without an engine (test.sh does). Unset: <see cref="Endpoint"/>.
    /// </summary>
    public static readonly string SandboxEndpoint = Environment.GetEnvironmentVariable("VERIFIER_SANDBOX_ENDPOINT") is { Length: > 0 } sandbox ? sandbox : Endpoint;

    public static readonly string[] Images = ["verifier-sandbox-python:2", "verifier-sandbox-cpp:1", "verifier-sandbox-dotnet:1"];

    private static readonly Lazy<Task> Ready = new(CheckAsync);

    public static Task EnsureReadyAsync() => Ready.Value;

    public static DockerClient Client() =>
        new DockerClientBuilder().WithEndpoint(new Uri(Endpoint)).WithApiVersion(new System.Version(1, 41)).Build();

    private static async Task CheckAsync()
    {
        using var client = Client();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.System.PingAsync(timeout.Token);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"The Docker engine at {Endpoint} is unreachable ({e.Message}). The sandbox tests need a real engine: " +
                "start one with `dockerd --bridge=none --iptables=false` (as .ci/run does), or point DOCKER_HOST at one.", e);
        }

        foreach (var image in Images)
        {
            try
            {
                await client.Images.InspectImageAsync(image);
            }
            catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException($"The sandbox image {image} is missing: run docker/build-images.sh.", e);
            }
        }
    }
}
