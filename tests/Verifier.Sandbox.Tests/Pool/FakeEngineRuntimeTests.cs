using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Verifier.Core.Code;
using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Tests.Pool.Fakes;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Pool;

/// <summary>
/// Sandbox:Runtime on the fake engine: <c>auto</c> takes crun when the engine lists it and the engine's default
/// otherwise; a named runtime the engine lacks starts nothing, makes the sandbox unhealthy and every code submission
/// an infra error that says so, and is never swapped for another. The choice is asked of the engine once.
/// </summary>
public class FakeEngineRuntimeTests
{
    private static readonly EngineRuntimes WithCrun = new(["crun", "io.containerd.runc.v2", "runc"], "runc");

    [Fact]
    public async Task Auto_WhenTheEngineListsCrun_CreatesEveryContainerUnderCrun_AndAsksTheEngineOnce()
    {
        await using var pool = PoolHarness.Create(o => o.Mode = SandboxMode.Strict);
        pool.Engine.Runtimes = WithCrun;
        await pool.StartAsync();

        var first = await pool.AcquireAsync();
        var second = await pool.AcquireAsync();

        Assert.Equal("crun", pool.Engine[first.Id].Runtime);
        Assert.Equal("crun", pool.Engine[second.Id].Runtime);
        Assert.Equal("crun", pool.Runtime.Resolved);
        Assert.Equal(1, pool.Engine.Info.Calls);
    }

    [Fact]
    public async Task Auto_WhenTheEngineHasNoCrun_UsesTheEnginesDefault()
    {
        await using var pool = PoolHarness.Create();
        pool.Engine.Runtimes = new(["runc", "kata"], "runc");
        await pool.StartAsync();

        var container = await pool.AcquireAsync();

        Assert.Equal("runc", pool.Engine[container.Id].Runtime);
    }

    [Fact]
    public async Task Explicit_WhenTheEngineLacksIt_StartsNothing_AndTriesAgainOnceItIsRegistered()
    {
        await using var pool = PoolHarness.Create(o => o.Runtime = "crun");
        await pool.StartAsync();

        var missing = await Assert.ThrowsAsync<ContainerRuntimeMissingException>(() => pool.AcquireAsync());

        Assert.Contains("'crun'", missing.Message, StringComparison.Ordinal);
        Assert.Equal(0, pool.Engine.Create.Calls);
        Assert.Null(pool.Runtime.Resolved);

        pool.Engine.Runtimes = WithCrun;
        var container = await pool.AcquireAsync();
        Assert.Equal("crun", pool.Engine[container.Id].Runtime);
    }

    [Fact]
    public async Task Explicit_WhenTheEngineHasIt_IsUsedEvenWhereAutoWouldPickAnother()
    {
        await using var pool = PoolHarness.Create(o => o.Runtime = "runc");
        pool.Engine.Runtimes = WithCrun;
        await pool.StartAsync();

        var container = await pool.AcquireAsync();

        Assert.Equal("runc", pool.Engine[container.Id].Runtime);
    }

    [Fact]
    public async Task Sandbox_WhenTheNamedRuntimeIsMissing_IsUnhealthy_AndJudgesCodeAsAnInfraErrorWithNullReward()
    {
        var engine = new FakeContainerEngine();
        await using var provider = SandboxOn(engine, o => o.Runtime = "crun");
        var sandbox = provider.GetRequiredService<ICodeSandbox>();

        var health = await sandbox.CheckHealthAsync();
        var verdict = await sandbox.VerifyAsync(Python("print(1)", Prints("1")));

        Assert.False(health.Healthy);
        Assert.True(health.EngineReachable);
        Assert.Null(health.Runtime);
        Assert.Contains("runtime 'crun'", health.Reason, StringComparison.Ordinal);
        Assert.Equal(CodeVerdictKind.InfraError, verdict.Verdict);
        Assert.Null(verdict.Reward);
        Assert.Contains("runtime 'crun'", verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(0, engine.Create.Calls);
    }

    [Fact]
    public async Task Sandbox_OnAnEngineWithCrun_IsHealthy_AndReportsCrun()
    {
        var engine = new FakeContainerEngine { Runtimes = WithCrun };
        await using var provider = SandboxOn(engine);

        var health = await provider.GetRequiredService<ICodeSandbox>().CheckHealthAsync();

        Assert.True(health.Healthy, health.Reason);
        Assert.Equal("crun", health.Runtime);
    }

    /// <summary>The sandbox as the service wires it, on the fake engine, with nothing warm (nothing runs unasked).</summary>
    private static ServiceProvider SandboxOn(FakeContainerEngine engine, Action<SandboxOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IContainerEngine>(engine);
        services.AddCodeSandbox(o =>
        {
            o.InstanceName = "fake-runtime";
            o.WarmContainers = 0;
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }
}
