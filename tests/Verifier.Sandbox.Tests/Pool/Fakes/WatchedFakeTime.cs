using Microsoft.Extensions.Time.Testing;

namespace Verifier.Sandbox.Tests.Pool.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also knows which of its timers are still to fire. The pool's loop sleeps on a
/// timer of one maintenance tick; while that timer is pending the loop is asleep, so a tick the test then gives is one
/// the loop acts on, however slowly the thread pool runs it.
/// </summary>
internal sealed class WatchedFakeTime : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly HashSet<WatchedTimer> _pending = [];

    public bool HasPendingTimer(TimeSpan dueTime)
    {
        lock (_lock)
        {
            return _pending.Any(t => t.DueTime == dueTime);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new WatchedTimer(this);
        watched.Arm(dueTime, period);
        watched.Inner = base.CreateTimer(s =>
        {
            watched.Fired();
            callback(s);
        }, state, dueTime, period);
        return watched;
    }

    private void Track(WatchedTimer timer, bool pending)
    {
        lock (_lock)
        {
            if (pending)
            {
                _pending.Add(timer);
            }
            else
            {
                _pending.Remove(timer);
            }
        }
    }

    private sealed class WatchedTimer(WatchedFakeTime owner) : ITimer
    {
        private TimeSpan _period;

        public ITimer? Inner { get; set; }

        public TimeSpan DueTime { get; private set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            (DueTime, _period) = (dueTime, period);
            owner.Track(this, dueTime != Timeout.InfiniteTimeSpan);
        }

        public void Fired()
        {
            if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
            {
                owner.Track(this, pending: false);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            owner.Track(this, pending: false);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            owner.Track(this, pending: false);
            return Inner?.DisposeAsync() ?? ValueTask.CompletedTask;
        }
    }
}
