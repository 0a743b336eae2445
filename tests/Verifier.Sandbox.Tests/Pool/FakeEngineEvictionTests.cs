using Verifier.Sandbox.Pool;
using Verifier.Sandbox.Tests.Pool.Fakes;

namespace Verifier.Sandbox.Tests.Pool;

/// <summary>
/// Containers leave the pool on time: an idle one after FastIdleMs, a warm one before its supervisor's idle exit, and
/// the longest-idle one first when every place is taken.
/// </summary>
public class FakeEngineEvictionTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task IdleContainer_IsRemovedOnceFastIdleMsHavePassed_AndNotBefore()
    {
        await using var pool = PoolHarness.Create(o => o.FastIdleMs = 10_000);
        await pool.StartAsync();
        var container = await pool.AcquireAsync("tenant/a");
        pool.Pool.Release(container, clean: true, "tenant/a");

        await pool.AdvanceAsync(TimeSpan.FromMilliseconds(10_000) - Ms);
        Assert.True(pool.Engine.Exists(container.Id));
        Assert.Equal(1, pool.Pool.Counts().Idle);

        await pool.AdvanceAsync(Ms);
        await PoolHarness.EventuallyAsync(() => !pool.Engine.Exists(container.Id));
        Assert.Equal((0, 0), (pool.Pool.Counts().Idle, pool.Pool.Counts().Live));
    }

    [Fact]
    public async Task IdleContainer_IsRemovedByThePoolsOwnLoop_OnTheFirstTicksAfterItsIdleTime()
    {
        await using var pool = PoolHarness.Create(o => o.FastIdleMs = 10_000);
        await pool.StartAsync();
        var container = await pool.AcquireAsync("tenant/a");
        pool.Pool.Release(container, clean: true, "tenant/a");

        pool.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.True(pool.Engine.Exists(container.Id));
        var after = await pool.TickUntilAsync(() => !pool.Engine.Exists(container.Id), TimeSpan.FromSeconds(10));

        Assert.InRange(after, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) + (4 * ContainerPool.MaintenanceTick));
    }

    [Fact]
    public async Task WarmContainer_IsReplacedAtHalfTheSupervisorsIdleExit_BeforeItWouldExitOnItsOwn()
    {
        await using var pool = PoolHarness.Create(o =>
        {
            o.WarmContainers = 1;
            o.ContainerIdleExitSeconds = 60;
        });
        await pool.StartAsync();
        await pool.MaintainAsync();
        var old = Assert.Single(pool.Engine.Containers);

        await pool.AdvanceAsync(TimeSpan.FromSeconds(30) - Ms);
        Assert.True(pool.Engine.Exists(old.Id));

        await pool.AdvanceAsync(Ms);
        await PoolHarness.EventuallyAsync(() => !pool.Engine.Exists(old.Id) && pool.Pool.Counts().Warm == 1);
        Assert.NotEqual(old.Id, Assert.Single(pool.Engine.Containers).Id);
    }

    [Fact]
    public async Task Acquire_WhenEveryPlaceIsTaken_RemovesTheLongestIdleContainerToMakeRoom()
    {
        await using var pool = PoolHarness.Create(o =>
        {
            o.MaxConcurrentRuns = 2;
            o.MaxContainers = 3;
        });
        await pool.StartAsync();
        var idle = new List<string>();
        foreach (var key in new[] { "a/1", "b/1", "c/1" })
        {
            var container = await pool.AcquireAsync(key);
            pool.Pool.Release(container, clean: true, key);
            idle.Add(container.Id);
            pool.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var fresh = await pool.AcquireAsync("d/1");

        Assert.False(pool.Engine.Exists(idle[0]));
        Assert.True(pool.Engine.Exists(idle[1]));
        Assert.True(pool.Engine.Exists(idle[2]));
        Assert.DoesNotContain(fresh.Id, idle);
        Assert.Equal(3, pool.Engine.PeakContainers);
    }
}
