using Docker.DotNet.Models;
using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using Verifier.Sandbox.Tests.Isolation;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Lifecycle;

/// <summary>Containers are removed on every path: cancellation, shutdown, and a crashed predecessor's leftovers at start-up.</summary>
[Collection(SandboxCollection.Name)]
public class LifecycleTests
{
    [Fact]
    public async Task Cancellation_KillsAndRemovesTheSubmissionsContainer()
    {
        await using var host = await SandboxHost.StartAsync(o => o.WarmContainers = 0);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(1500));

        var run = host.Sandbox.VerifyAsync(Python("import time\ntime.sleep(60)\n", Prints(""), timeMs: 20_000), cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(await host.ContainersAsync());
        Assert.Equal(0, host.Pool.Counts().Busy);
    }

    [Fact]
    public async Task StartUp_RemovesContainersACrashedPredecessorLeft()
    {
        var instance = "sandbox-tests-leftover-" + Guid.NewGuid().ToString("N")[..8];
        using var client = DockerEnvironment.Client();
        await DockerEnvironment.EnsureReadyAsync();
        var leftover = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = DockerEnvironment.Images[0],
            Cmd = ["sleep", "600"],
            Labels = new Dictionary<string, string> { ["io.verifier.sandbox"] = "true", ["io.verifier.sandbox.instance"] = instance },
            HostConfig = new HostConfig { NetworkMode = "none" },
        });
        await client.Containers.StartContainerAsync(leftover.ID, new ContainerStartParameters());
        Assert.Contains(leftover.ID, await SandboxHost.ContainersAsync(instance));

        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.InstanceName = instance;
            o.WarmContainers = 0;
        });

        Assert.DoesNotContain(leftover.ID, await host.ContainersAsync());
    }

    [Fact]
    public async Task AWarmContainerThatDied_IsReplacedWithoutFailingTheSubmission()
    {
        await using var host = await SandboxHost.StartAsync(o =>
        {
            o.WarmContainers = 1;
            o.Languages["cpp"] = new SandboxLanguageOptions { WarmContainers = 0 };
            o.Languages["csharp"] = new SandboxLanguageOptions { WarmContainers = 0 };
        });
        // Ready in the pool, not just created: a container that has not started yet cannot be killed.
        await StrictModeTests.WaitUntilAsync(async () => host.Pool.Counts().Warm == 1 && (await host.ContainersAsync()).Count == 1);
        using var client = DockerEnvironment.Client();
        var warm = (await host.ContainersAsync())[0];
        await client.Containers.KillContainerAsync(warm, new ContainerKillParameters());
        await StrictModeTests.WaitUntilAsync(async () => !(await host.ContainersAsync()).Contains(warm));

        var verdict = await host.Sandbox.VerifyAsync(Python("print(1)", Prints("1")));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Shutdown_RemovesEveryContainerWarmIdleOrBusy()
    {
        var host = await SandboxHost.StartAsync(o => o.WarmContainers = 2);
        var verdict = await host.Sandbox.VerifyAsync(Python("print(1)", Prints("1")));
        var slow = host.Sandbox.VerifyAsync(Python("import time\ntime.sleep(30)\n", Prints(""), timeMs: 20_000, key: "other"));
        await StrictModeTests.WaitUntilAsync(async () => (await host.ContainersAsync()).Count >= 3);

        await host.DisposeAsync();

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Empty(await host.ContainersAsync());
        var interrupted = await slow;
        Assert.Equal(CodeVerdictKind.InfraError, interrupted.Verdict);
        Assert.Null(interrupted.Reward);
    }

    [Fact]
    public async Task AfterAHostileBatch_NoContainerIsLeftAndTheEngineIsHealthy()
    {
        var host = await SandboxHost.StartAsync(o => o.WarmContainers = 2);
        string[] attacks =
        [
            "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n",
            "x = []\nwhile True:\n    x.append(bytearray(10 ** 7))\n",
            "import os\nwhile True:\n    os.write(1, b'A' * 65536)\n",
            "import os\nif os.fork() == 0:\n    os.setsid()\n    import time\n    time.sleep(3600)\n",
            "import time\ntime.sleep(3600)\n",
            "import os\nos.kill(1, 9)\nos.kill(-1, 9)\n",
        ];

        var verdicts = await Task.WhenAll(attacks.Select((code, i) => host.Sandbox.VerifyAsync(Python(code, Prints("?"), timeMs: 500, key: $"batch-{i % 2}"))));
        await host.DisposeAsync();

        Assert.All(verdicts, v => Assert.NotEqual(CodeVerdictKind.Accepted, v.Verdict));
        Assert.All(verdicts, v => Assert.NotEqual(CodeVerdictKind.InfraError, v.Verdict));
        Assert.Empty(await host.ContainersAsync());
        await using var next = await SandboxHost.StartAsync(o => o.WarmContainers = 0);
        var health = await next.Sandbox.CheckHealthAsync();
        var after = await next.Sandbox.VerifyAsync(Python("print('still fine')", Prints("still fine")));
        Assert.True(health.Healthy, health.Reason);
        Assert.Equal(CodeVerdictKind.Accepted, after.Verdict);
    }
}
