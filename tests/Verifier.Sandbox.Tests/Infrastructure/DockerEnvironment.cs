using Docker.DotNet;

namespace Verifier.Sandbox.Tests.Infrastructure;

/// <summary>
/// The Docker tests run for real: CI guarantees an engine and the images. When either is missing the tests fail
/// (they are never skipped) with a message that says how to fix it.
/// </summary>
internal static class DockerEnvironment
{
    public const string Endpoint = "unix:///var/run/docker.sock";
    public static readonly string[] Images = ["verifier-sandbox-python:1", "verifier-sandbox-cpp:1", "verifier-sandbox-dotnet:1"];

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
                "start one with `dockerd --bridge=none --iptables=false` (as .ci/run does).", e);
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
