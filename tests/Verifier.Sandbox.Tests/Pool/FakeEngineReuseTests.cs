using Verifier.Sandbox.Execution;
using Verifier.Sandbox.Tests.Pool.Fakes;

namespace Verifier.Sandbox.Tests.Pool;

/// <summary>
/// Fast mode keeps a container that finished clean for the next submission of the same isolation key, up to its reuse
/// limit; a container that is dirty, broken, unkeyed, or in strict mode is removed and never serves again.
/// </summary>
public class FakeEngineReuseTests
{
    [Fact]
    public async Task Release_AfterACleanRun_KeepsTheContainerForTheSameKey_AndNoOtherKey()
    {
        await using var pool = PoolHarness.Create();
        await pool.StartAsync();
        var first = await pool.AcquireAsync("tenant/a");
        pool.Pool.Release(first, clean: true, "tenant/a");

        var otherKey = await pool.AcquireAsync("tenant/b");
        var sameKey = await pool.AcquireAsync("tenant/a");

        Assert.NotEqual(first.Id, otherKey.Id);
        Assert.Same(first, sameKey);
        Assert.Equal(1, sameKey.Uses);
        Assert.Equal("tenant/a", sameKey.BoundKey);
        Assert.Equal(2, pool.Engine.Create.Calls);
    }

    [Theory]
    [InlineData(false, "tenant/a", SandboxMode.Fast)]
    [InlineData(true, null, SandboxMode.Fast)]
    [InlineData(true, "tenant/a", SandboxMode.Strict)]
    public async Task Release_OfAContainerNotFitToServeAgain_RemovesIt(bool clean, string? isolationKey, SandboxMode mode)
    {
        await using var pool = PoolHarness.Create(o => o.Mode = mode);
        await pool.StartAsync();
        var used = await pool.AcquireAsync(isolationKey);

        pool.Pool.Release(used, clean, isolationKey);

        await PoolHarness.EventuallyAsync(() => !pool.Engine.Exists(used.Id));
        Assert.Equal((0, 0, 0), (pool.Pool.Counts().Idle, pool.Pool.Counts().Busy, pool.Pool.Counts().Live));
        var next = await pool.AcquireAsync(isolationKey);
        Assert.NotEqual(used.Id, next.Id);
    }

    [Fact]
    public async Task Release_WhenTheSupervisorChannelBroke_RemovesTheContainer_EvenIfTheRunSaidClean()
    {
        await using var pool = PoolHarness.Create();
        await pool.StartAsync();
        var container = await pool.AcquireAsync("tenant/a");
        pool.Engine[container.Id].Supervisor.Exit();
        await Assert.ThrowsAsync<SupervisorException>(() => container.Channel.ExchangeAsync(new { Op = "finish" }, TimeSpan.FromSeconds(5), CancellationToken.None));

        pool.Pool.Release(container, clean: true, "tenant/a");

        await PoolHarness.EventuallyAsync(() => !pool.Engine.Exists(container.Id));
        Assert.NotEqual(container.Id, (await pool.AcquireAsync("tenant/a")).Id);
    }

    [Fact]
    public async Task Release_AfterFastReuseLimitSubmissions_RemovesTheContainer()
    {
        await using var pool = PoolHarness.Create(o => o.FastReuseLimit = 3);
        await pool.StartAsync();
        var served = new List<string>();

        for (var i = 0; i < 4; i++)
        {
            var container = await pool.AcquireAsync("tenant/a");
            served.Add(container.Id);
            pool.Pool.Release(container, clean: true, "tenant/a");
        }

        Assert.Equal([served[0], served[0], served[0]], served.Take(3));
        Assert.NotEqual(served[0], served[3]);
        await PoolHarness.EventuallyAsync(() => !pool.Engine.Exists(served[0]));
    }
}
