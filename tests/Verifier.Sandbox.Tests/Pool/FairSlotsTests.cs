using Verifier.Sandbox.Pool;

namespace Verifier.Sandbox.Tests.Pool;

/// <summary>How compile slots are shared between tenants: a cap per tenant, round-robin turns, and which waits are bounded.</summary>
public class FairSlotsTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Enter_WhenOneTenantHoldsItsCap_AnotherTenantGetsTheFreeSlotAtOnce()
    {
        var slots = new FairSlots(slots: 2, perTenant: 1, Long, TimeProvider.System);
        using var bomb = await slots.EnterAsync("a", CancellationToken.None);
        var queuedBomb = slots.EnterAsync("a", CancellationToken.None);

        var honest = slots.EnterAsync("b", CancellationToken.None);

        Assert.True(honest.IsCompletedSuccessfully);
        Assert.False(queuedBomb.IsCompleted);
        (await honest).Dispose();
    }

    [Fact]
    public async Task Release_ServesWaitingTenantsInTurn_NotOneTenantsWholeQueueFirst()
    {
        var slots = new FairSlots(slots: 1, perTenant: 1, Long, TimeProvider.System);
        var first = await slots.EnterAsync("a", CancellationToken.None);
        var a2 = slots.EnterAsync("a", CancellationToken.None);
        var a3 = slots.EnterAsync("a", CancellationToken.None);
        var b1 = slots.EnterAsync("b", CancellationToken.None);

        first.Dispose();
        (await a2).Dispose();
        var afterA2 = await Task.WhenAny(a3, b1);

        Assert.Same(b1, afterA2);
        (await b1).Dispose();
        (await a3).Dispose();
    }

    [Fact]
    public async Task Waiting_IsBoundedOnlyWhenItIsNotTheTenantsOwnDoing()
    {
        var slots = new FairSlots(slots: 2, perTenant: 1, TimeSpan.FromMilliseconds(100), TimeProvider.System);
        using var a = await slots.EnterAsync("a", CancellationToken.None);
        using var b = await slots.EnterAsync("b", CancellationToken.None);

        var behindItsOwn = slots.EnterAsync("a", CancellationToken.None);
        var behindOthers = slots.EnterAsync("c", CancellationToken.None);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => behindOthers);
        Assert.Equal("no C# compiler slot came free within 100 ms", failure.Message);
        await Task.Delay(200);
        Assert.False(behindItsOwn.IsCompleted);
    }

    [Fact]
    public async Task Enter_WhenTheCallerGivesUp_LeavesTheLineAndTheNextIsServed()
    {
        var slots = new FairSlots(slots: 1, perTenant: 1, Long, TimeProvider.System);
        var held = await slots.EnterAsync("a", CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var cancelled = slots.EnterAsync("b", giveUp.Token);
        var next = slots.EnterAsync("c", CancellationToken.None);

        await giveUp.CancelAsync();
        held.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        (await next).Dispose();
    }
}
