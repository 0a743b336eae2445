using Verifier.Sandbox.Pool;
using Verifier.Sandbox.Tests.Pool.Fakes;

namespace Verifier.Sandbox.Tests.Pool;

/// <summary>
/// A warm start that fails (the engine refuses, the supervisor is unhealthy or silent) leaves no container behind,
/// pauses that language's warm starts for a backoff instead of spinning, and the pool fills once the engine recovers.
/// </summary>
public class FakeEngineStartFailureTests
{
    [Fact]
    public async Task WarmUp_WhenCreateFails_PausesForTheBackoffInsteadOfSpinning_AndFillsOnceTheEngineRecovers()
    {
        await using var pool = PoolHarness.Create(o => o.WarmContainers = 2);
        pool.Engine.Create.Fail();
        await pool.StartAsync();

        await pool.MaintainAsync();
        var tried = pool.Engine.Create.Calls;
        for (var i = 0; i < 9; i++)
        {
            await pool.AdvanceAsync(ContainerPool.MaintenanceTick);
        }

        Assert.InRange(tried, 1, 2);
        Assert.Equal(tried, pool.Engine.Create.Calls);
        Assert.Empty(pool.Engine.Containers);

        pool.Engine.Create.Recover();
        await pool.AdvanceAsync(ContainerPool.MaintenanceTick); // now a full backoff after the failure

        await PoolHarness.EventuallyAsync(() => pool.Pool.Counts().Warm == 2);
        Assert.Equal(2, pool.Engine.Containers.Count);
    }

    [Fact]
    public async Task WarmUp_WhenStartFails_RemovesTheContainerItCreated()
    {
        await using var pool = PoolHarness.Create(o => o.WarmContainers = 1);
        pool.Engine.Start.Fail(times: 1);
        await pool.StartAsync();

        await pool.MaintainAsync();

        Assert.Equal(1, pool.Engine.Create.Calls);
        Assert.Empty(pool.Engine.Containers);
        Assert.Equal((0, 0), (pool.Pool.Counts().Warm, pool.Pool.Counts().Live));
        await pool.AdvanceAsync(ContainerPool.StartFailureBackoff);
        await PoolHarness.EventuallyAsync(() => pool.Pool.Counts().Warm == 1);
    }

    [Theory]
    [InlineData(SupervisorStart.WrongFirstFrame)]
    [InlineData(SupervisorStart.Exits)]
    public async Task WarmUp_WhenTheSupervisorIsUnhealthy_DiscardsTheContainer_AndReplacesItAfterTheBackoff(SupervisorStart unhealthy)
    {
        await using var pool = PoolHarness.Create(o => o.WarmContainers = 1);
        pool.Engine.Supervisors = unhealthy;
        await pool.StartAsync();

        await pool.MaintainAsync();

        Assert.Equal(1, pool.Engine.Create.Calls);
        Assert.Empty(pool.Engine.Containers);
        Assert.Equal(0, pool.Pool.Counts().Warm);

        pool.Engine.Supervisors = SupervisorStart.Ready;
        await pool.AdvanceAsync(ContainerPool.StartFailureBackoff - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, pool.Engine.Create.Calls);
        await pool.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        await PoolHarness.EventuallyAsync(() => pool.Pool.Counts().Warm == 1);
        Assert.Equal(2, pool.Engine.Create.Calls);
    }

    [Fact]
    public async Task WarmUp_WhenTheSupervisorNeverAnswers_GivesUpAtTheStartTimeout_OnThePoolsClock()
    {
        await using var pool = PoolHarness.Create(o =>
        {
            o.WarmContainers = 1;
            o.ContainerStartTimeoutMs = 60_000;
        });
        pool.Engine.Supervisors = SupervisorStart.Silent;
        await pool.StartAsync();
        await pool.MaintainAsync();
        var silent = Assert.Single(pool.Engine.Containers);

        await pool.AdvanceAsync(TimeSpan.FromMilliseconds(59_999));
        Assert.True(pool.Engine.Exists(silent.Id));
        Assert.Equal(1, pool.Engine.Create.Calls); // still waiting for that one, not starting others
        pool.Time.Advance(TimeSpan.FromMilliseconds(1));

        await PoolHarness.EventuallyAsync(() => !pool.Engine.Exists(silent.Id));
        Assert.Equal(0, pool.Pool.Counts().Warm);
        pool.Engine.Supervisors = SupervisorStart.Ready;
        await pool.TickUntilAsync(() => pool.Pool.Counts().Warm == 1, 2 * ContainerPool.StartFailureBackoff);
        Assert.Equal(2, pool.Engine.Create.Calls);
    }

    [Fact]
    public async Task Acquire_WhenAFreshStartFails_Throws_AndGivesBackItsPlaceAndItsRunSlot()
    {
        await using var pool = PoolHarness.Create(o =>
        {
            o.MaxConcurrentRuns = 1;
            o.MaxContainers = 2;
        });
        pool.Engine.Create.Fail(times: 1);
        await pool.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.AcquireAsync());

        Assert.Equal((0, 0), (pool.Pool.Counts().Busy, pool.Pool.Counts().Live));
        var next = await pool.AcquireAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(pool.Engine.Exists(next.Id));
    }

    [Fact]
    public async Task Acquire_WhenGrowingTheMemoryFails_RemovesTheContainer_AndGivesBackTheRunSlot()
    {
        await using var pool = PoolHarness.Create(o =>
        {
            o.WarmContainers = 1;
            o.MaxConcurrentRuns = 1;
            o.MaxContainers = 2;
        });
        await pool.StartAsync();
        await pool.MaintainAsync();
        var warm = Assert.Single(pool.Engine.Containers);
        pool.Engine.UpdateMemory.Fail(times: 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.AcquireAsync(memoryBytes: 2 * pool.DefaultMemory));

        Assert.False(pool.Engine.Exists(warm.Id));
        Assert.Equal(0, pool.Pool.Counts().Busy);
        var next = await pool.AcquireAsync(memoryBytes: 2 * pool.DefaultMemory).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2 * pool.DefaultMemory, pool.Engine[next.Id].MemoryBytes);
    }
}
