using Verifier.Sandbox.Engine;
using Verifier.Sandbox.Pool;
using Verifier.Sandbox.Tests.Pool.Fakes;

namespace Verifier.Sandbox.Tests.Pool;

/// <summary>At start the pool removes a predecessor's leftovers, then fills the warm pool to its target and no further.</summary>
public class FakeEngineWarmUpTests
{
    [Fact]
    public async Task Start_FillsTheWarmPoolToItsTarget_OnThePoolsOwnTick_AndNoFurther()
    {
        await using var pool = PoolHarness.Create(o => o.WarmContainers = 3);
        await pool.StartAsync();

        await pool.TickUntilAsync(() => pool.Pool.Counts().Warm == 3, TimeSpan.FromSeconds(5));
        for (var i = 0; i < 10; i++)
        {
            await pool.AdvanceAsync(ContainerPool.MaintenanceTick);
        }

        Assert.Equal(3, pool.Engine.Create.Calls);
        Assert.Equal(3, pool.Pool.Counts().Live);
        Assert.All(pool.Engine.Containers, c =>
        {
            Assert.True(c.Started);
            Assert.Equal("python", c.Language);
            Assert.Equal("fake-pool", c.Labels[ContainerLabels.Instance]);
        });
    }

    [Fact]
    public async Task Acquire_TakesAWarmContainer_RatherThanStartingOne()
    {
        await using var pool = PoolHarness.Create(o => o.WarmContainers = 1);
        await pool.StartAsync();
        await pool.MaintainAsync();
        var warm = Assert.Single(pool.Engine.Containers);

        var container = await pool.AcquireAsync();

        Assert.Equal(warm.Id, container.Id);
        Assert.Equal(0, container.Uses);
    }

    [Fact]
    public async Task Start_RemovesAPredecessorsLeftovers_BeforeCreatingAnything_AndLeavesOtherInstancesAlone()
    {
        await using var pool = PoolHarness.Create(o => o.WarmContainers = 1);
        var leftover = pool.Engine.Seed(LabelsOf("fake-pool"));
        var neighbour = pool.Engine.Seed(LabelsOf("another-verifier"));

        await pool.StartAsync();
        await pool.MaintainAsync();

        var log = pool.Engine.Log.ToList();
        Assert.False(pool.Engine.Exists(leftover));
        Assert.True(pool.Engine.Exists(neighbour));
        Assert.Equal(1, pool.Pool.Counts().Warm);
        Assert.True(log.IndexOf($"remove {leftover}") < log.FindIndex(e => e.StartsWith("create", StringComparison.Ordinal)), string.Join(", ", log));
    }

    [Fact]
    public async Task Start_WhenTheEngineIsDown_RetriesTheSweepAfterTheBackoff_AndCreatesNothingUntilItSucceeds()
    {
        await using var pool = PoolHarness.Create(o => o.WarmContainers = 1);
        var leftover = pool.Engine.Seed(LabelsOf("fake-pool"));
        pool.Engine.List.Fail();

        await pool.StartAsync();
        await pool.MaintainAsync();
        var attempts = pool.Engine.List.Calls;
        for (var i = 0; i < 9; i++)
        {
            await pool.AdvanceAsync(ContainerPool.MaintenanceTick);
        }

        Assert.Equal(2, attempts); // at start, and at once in the first round
        Assert.Equal(attempts, pool.Engine.List.Calls);
        Assert.Equal(0, pool.Engine.Create.Calls);

        pool.Engine.List.Recover();
        await pool.AdvanceAsync(ContainerPool.MaintenanceTick);

        await PoolHarness.EventuallyAsync(() => pool.Pool.Counts().Warm == 1);
        Assert.False(pool.Engine.Exists(leftover));
    }

    [Fact]
    public async Task Acquire_WhileTheSweepHasNotSucceeded_FailsRatherThanCreateAContainerTheSweepWouldRemove()
    {
        await using var pool = PoolHarness.Create();
        pool.Engine.List.Fail();
        await pool.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.AcquireAsync());

        Assert.Equal(0, pool.Engine.Create.Calls);
        pool.Engine.List.Recover();
        var container = await pool.AcquireAsync();
        Assert.True(pool.Engine.Exists(container.Id));
    }

    private static Dictionary<string, string> LabelsOf(string instance) => new()
    {
        [ContainerLabels.Managed] = "true",
        [ContainerLabels.Instance] = instance,
        [ContainerLabels.Language] = "python",
    };
}
