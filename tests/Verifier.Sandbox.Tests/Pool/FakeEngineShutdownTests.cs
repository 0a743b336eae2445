using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Pool;
using Verifier.Sandbox.Tests.Pool.Fakes;

namespace Verifier.Sandbox.Tests.Pool;

/// <summary>
/// Shutdown removes every container the pool created (warm, idle, busy, or still starting), waits for removals in
/// flight, stops the background loop, and a submission that still holds a container afterwards is harmless.
/// </summary>
public class FakeEngineShutdownTests
{
    [Fact]
    public async Task Dispose_RemovesWarmIdleAndBusyContainers_AndNothingOfAnotherInstance()
    {
        await using var pool = PoolHarness.Create(o => o.WarmContainers = 2);
        var neighbour = pool.Engine.Seed(new Dictionary<string, string> { [ContainerLabels.Instance] = "another-verifier" });
        await pool.StartAsync();
        await pool.MaintainAsync();
        var idle = await pool.AcquireAsync("tenant/a");
        pool.Pool.Release(idle, clean: true, "tenant/a");
        var busy = await pool.AcquireAsync("tenant/b");
        await pool.MaintainAsync();
        Assert.True(pool.Engine.Containers.Count >= 4);

        await pool.Pool.DisposeAsync();

        Assert.Equal([neighbour], pool.Engine.Containers.Select(c => c.Id));
        Assert.Equal(0, pool.Pool.Counts().Live);
    }

    [Fact]
    public async Task Dispose_StopsTheBackgroundLoop_SoASweepTheEngineRefusedIsNotRetriedAfterShutdown()
    {
        await using var pool = PoolHarness.Create();
        pool.Engine.List.Fail();
        await pool.StartAsync();
        await pool.TickUntilAsync(() => pool.Engine.List.Calls >= 3, TimeSpan.FromSeconds(30)); // the loop retries

        await pool.Pool.DisposeAsync();
        var calls = pool.Engine.List.Calls;
        for (var i = 0; i < 20; i++)
        {
            pool.Time.Advance(ContainerPool.StartFailureBackoff);
            await Task.Delay(1);
        }

        Assert.Equal(calls, pool.Engine.List.Calls);
    }

    [Fact]
    public async Task Dispose_WaitsForARemovalInFlight()
    {
        await using var pool = PoolHarness.Create();
        await pool.StartAsync();
        var container = await pool.AcquireAsync();
        pool.Engine.Remove.Hold();
        pool.Pool.Release(container, clean: false, "tenant/batch");

        var disposing = pool.Pool.DisposeAsync().AsTask();
        await Task.Delay(20);
        Assert.False(disposing.IsCompleted);

        pool.Engine.Remove.Let();
        await disposing;
        Assert.Empty(pool.Engine.Containers);
    }

    [Fact]
    public async Task Dispose_WhileASubmissionHoldsAContainer_RemovesIt_AndTheLateReleaseOrAbandonIsHarmless()
    {
        await using var pool = PoolHarness.Create();
        await pool.StartAsync();
        var released = await pool.AcquireAsync("tenant/a");
        var abandoned = await pool.AcquireAsync("tenant/b");

        await pool.Pool.DisposeAsync();
        Assert.Empty(pool.Engine.Containers);

        pool.Pool.Release(released, clean: true, "tenant/a");
        await pool.Pool.AbandonAsync(abandoned);
        Assert.Equal((0, 0, 0, 0), pool.Pool.Counts());
        Assert.Empty(pool.Engine.Containers);
    }

    [Fact]
    public async Task Acquire_AfterDispose_Throws()
    {
        await using var pool = PoolHarness.Create();
        await pool.StartAsync();

        await pool.Pool.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.AcquireAsync());
        Assert.Equal(0, pool.Engine.Create.Calls);
    }

    [Fact]
    public async Task Dispose_WhileAnAcquireIsCreatingAContainer_WaitsForIt_AndRemovesIt()
    {
        await using var pool = PoolHarness.Create();
        await pool.StartAsync();
        pool.Engine.Create.Hold();
        var acquiring = pool.AcquireAsync();
        await PoolHarness.EventuallyAsync(() => pool.Engine.Create.Calls == 1);

        var disposing = pool.Pool.DisposeAsync().AsTask();
        await Task.Delay(20);
        Assert.False(disposing.IsCompleted); // the create cannot be called off, and its container must not outlive the pool
        pool.Engine.Create.Let();
        await disposing;

        await Assert.ThrowsAsync<ObjectDisposedException>(() => acquiring);
        Assert.Empty(pool.Engine.Containers);
        Assert.Equal(1, pool.Engine.Create.Calls);
    }
}
