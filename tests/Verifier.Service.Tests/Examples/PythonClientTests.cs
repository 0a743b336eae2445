using System.Diagnostics;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Examples;

/// <summary>The standard-library Python client in examples/python, run against the live service.</summary>
public sealed class PythonClientTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task PythonExampleClient_ChecksOutAgainstTheLiveService()
    {
        var script = Path.Combine(RepoPaths.Root(), "examples", "python", "verifier_client.py");
        var start = new ProcessStartInfo("python3", [script, "--url", fixture.Host.Address.ToString().TrimEnd('/'), "--api-key", ServiceHost.ApiKey])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(python.ExitCode == 0, $"exit {python.ExitCode}\n{await stdout}\n{await stderr}");
        Assert.Contains("python client: ok", await stdout, StringComparison.Ordinal);
    }
}
