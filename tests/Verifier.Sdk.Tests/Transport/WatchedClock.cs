using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Verifier.Sdk.Tests.Transport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that says when something starts waiting on it, so a test advances time
/// only once the wait exists (advancing before would be lost, and the waiter would wait for ever).
/// </summary>
internal sealed class WatchedClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>Completes when the next timer is created (one not yet reported by an earlier call).</summary>
    public Task NextTimer() => _timers.Reader.ReadAsync().AsTask();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }
}
