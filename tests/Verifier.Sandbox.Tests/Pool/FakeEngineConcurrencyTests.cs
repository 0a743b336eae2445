using Verifier.Sandbox.Pool;
using Verifier.Sandbox.Tests.Pool.Fakes;

namespace Verifier.Sandbox.Tests.Pool;

/// <summary>The pool's bounds hold: runs at once (MaxConcurrentRuns), warm starts at once (ParallelStarts), containers at once (MaxContainers).</summary>
public class FakeEngineConcurrencyTests
{
    [Fact]
    public async Task Acquire_BeyondMaxConcurrentRuns_WaitsUntilARunEnds()
    {
        await using var pool = PoolHarness.Create(o =>
        {
            o.MaxConcurrentRuns = 2;
            o.MaxContainers = 8;
        });
        await pool.StartAsync();
        var first = await pool.AcquireAsync("a/1");
        _ = await pool.AcquireAsync("b/1");

        var third = pool.AcquireAsync("c/1");
        await Task.Delay(20);
        Assert.False(third.IsCompleted);
        Assert.Equal(2, pool.Engine.Create.Calls);

        pool.Pool.Release(first, clean: false, "a/1");
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, pool.Pool.Counts().Busy);
    }

    [Fact]
    public async Task WarmUp_StartsNoMoreThanParallelStartsContainersAtOnce()
    {
        await using var pool = PoolHarness.Create(o =>
        {
            o.WarmContainers = 5;
            o.ParallelStarts = 2;
        });
        pool.Engine.Create.Hold();
        await pool.StartAsync();

        await pool.MaintainAsync();
        await PoolHarness.EventuallyAsync(() => pool.Engine.Create.Calls == 2);
        await Task.Delay(20);
        Assert.Equal(2, pool.Engine.Create.Calls);

        pool.Engine.Create.Let();
        await PoolHarness.EventuallyAsync(() => pool.Pool.Counts().Warm == 5);
        Assert.Equal(5, pool.Engine.Create.Calls);
    }

    [Fact]
    public async Task Acquire_WhenEveryPlaceIsHeldByWarmStarts_WaitsForAPlace_AndNeverExceedsMaxContainers()
    {
        await using var pool = PoolHarness.Create(o =>
        {
            o.WarmContainers = 3;
            o.MaxConcurrentRuns = 2;
            o.MaxContainers = 3;
        });
        pool.Engine.Create.Hold();
        await pool.StartAsync();
        await pool.MaintainAsync();
        await PoolHarness.EventuallyAsync(() => pool.Engine.Create.Calls == 3);

        var acquiring = pool.AcquireAsync();
        await Task.Delay(20);
        Assert.False(acquiring.IsCompleted);

        pool.Engine.Create.Let();
        await PoolHarness.EventuallyAsync(() => pool.Pool.Counts().Warm == 3); // every place now holds a warm container
        await PoolHarness.EventuallyAsync(() => pool.Time.HasPendingTimer(ContainerPool.PlaceRetry)); // and the acquire waits to look again
        Assert.False(acquiring.IsCompleted);
        pool.Time.Advance(ContainerPool.PlaceRetry);
        var container = await acquiring.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(pool.Engine.Exists(container.Id));
        Assert.Equal(3, pool.Engine.PeakContainers);
        Assert.True(pool.Pool.Counts().Live <= 3);
    }
}
