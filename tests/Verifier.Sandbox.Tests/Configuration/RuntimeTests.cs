using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Configuration;

/// <summary>
/// Sandbox:Runtime against the real engine: a container runs under the runtime the sandbox chose, as the engine itself
/// records it; a runtime the engine lacks is reported, not replaced.
/// </summary>
[Collection(SandboxCollection.Name)]
public class RuntimeTests
{
    [Fact]
    public async Task Crun_WhenTheEngineHasItRegistered_RunsTheSubmissionsContainer()
    {
        await DockerEnvironment.EnsureReadyAsync();
        using var client = DockerEnvironment.Client();
        var runtimes = (await client.System.GetSystemInfoAsync()).Runtimes?.Keys ?? [];
        Assert.SkipUnless(
            runtimes.Contains("crun"),
            $"the engine at {DockerEnvironment.Endpoint} has no crun runtime (it has {string.Join(", ", runtimes)}): " +
            "install crun and start dockerd with --add-runtime crun=/usr/bin/crun, as scripts/docker-engine.sh does");
        // Fast mode with nothing warm: the one container there after the run is the one it ran in, kept for its key.
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.Runtime = "crun";
            o.Mode = SandboxMode.Fast;
            o.WarmContainers = 0;
        });

        var verdict = await host.Sandbox.VerifyAsync(Python("print(1)", Prints("1")));
        var id = Assert.Single(await host.ContainersAsync());
        var inspected = await client.Containers.InspectContainerAsync(id);

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Equal("crun", inspected.HostConfig!.Runtime);
        Assert.Equal("crun", (await host.Sandbox.CheckHealthAsync()).Runtime);
    }

    [Fact]
    public async Task NamedRuntime_WhenTheEngineLacksIt_MakesTheSandboxUnhealthy_AndCodeAnInfraError()
    {
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.Runtime = "no-such-runtime";
            o.WarmContainers = 0;
        });

        var health = await host.Sandbox.CheckHealthAsync();
        var verdict = await host.Sandbox.VerifyAsync(Python("print(1)", Prints("1")));

        Assert.False(health.Healthy);
        Assert.True(health.EngineReachable);
        Assert.Contains("runtime 'no-such-runtime'", health.Reason, StringComparison.Ordinal);
        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Null(verdict.Reward);
        Assert.Contains("runtime 'no-such-runtime'", verdict.Reason, StringComparison.Ordinal);
        Assert.Empty(await host.ContainersAsync());
    }
}
