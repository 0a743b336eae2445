using Verifier.Sandbox.Pool;

namespace Verifier.Sandbox.Tests.Pool;

public sealed class KeyGatesTests
{
    [Fact]
    public async Task EnterAsync_LetsAtMostTheLimitOfOneKeyInAtOnce_AndOtherKeysPass()
    {
        var gates = new KeyGates(2);
        using var first = await gates.EnterAsync("batch-a", CancellationToken.None);
        using var second = await gates.EnterAsync("batch-a", CancellationToken.None);

        var third = gates.EnterAsync("batch-a", CancellationToken.None);
        using var otherKey = await gates.EnterAsync("batch-b", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(100);
        Assert.False(third.IsCompleted);

        first.Dispose();
        using var admitted = await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Gates_AreForgottenWhenTheirKeyHasNothingInFlight()
    {
        var gates = new KeyGates(1);

        using (await gates.EnterAsync("batch-a", CancellationToken.None))
        {
            Assert.Equal(1, gates.ActiveKeys);
        }

        Assert.Equal(0, gates.ActiveKeys);
    }

    [Fact]
    public async Task CancelledWaiter_LeavesNoTraceAndDoesNotTakeASlot()
    {
        var gates = new KeyGates(1);
        var holder = await gates.EnterAsync("batch-a", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiter = gates.EnterAsync("batch-a", cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        holder.Dispose();

        Assert.Equal(0, gates.ActiveKeys);
        using var next = await gates.EnterAsync("batch-a", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
