using Microsoft.Extensions.Options;

namespace Verifier.Service.Shutdown;

/// <summary>
/// Graceful shutdown in two steps. When the host starts stopping, <see cref="IsDraining"/> turns on and new
/// work is refused with 503; work in flight continues. When the drain deadline passes, <see cref="Token"/>
/// is cancelled, which makes the remaining items report <c>cancelled</c> and releases their containers.
/// </summary>
public sealed class ShutdownDrain : IDisposable
{
    private readonly CancellationTokenSource _deadline = new();
    private readonly CancellationTokenRegistration _registration;
    private ITimer? _deadlineTimer;
    private int _inFlight;

    public ShutdownDrain(IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(options);
        var deadline = options.Value.DrainDeadline;
        _registration = lifetime.ApplicationStopping.Register(() =>
        {
            RefuseNewWork();
            if (Volatile.Read(ref _inFlight) == 0 || deadline == TimeSpan.Zero)
            {
                _deadline.Cancel();
                return;
            }

            _deadlineTimer = time.CreateTimer(_ => _deadline.Cancel(), null, deadline, Timeout.InfiniteTimeSpan);
        });
    }

    public bool IsDraining { get; private set; }

    /// <summary>From now on new requests get 503; the host's stop signal calls this first.</summary>
    internal void RefuseNewWork() => IsDraining = true;

    public CancellationToken Token => _deadline.Token;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Marks a request as in flight until the returned scope is disposed.</summary>
    public InFlightScope Enter()
    {
        Interlocked.Increment(ref _inFlight);
        return new InFlightScope(this);
    }

    /// <summary>
    /// Waits until in-flight requests have finished: by themselves, or as cancelled once the drain deadline
    /// passed. The sandbox is stopped (and its containers removed) only after this returns.
    /// </summary>
    public async Task WaitForDrainAsync(CancellationToken hostGivesUp)
    {
        while (Volatile.Read(ref _inFlight) > 0 && !hostGivesUp.IsCancellationRequested)
        {
            await Task.Delay(25, CancellationToken.None);
        }
    }

    public void Dispose()
    {
        _registration.Dispose();
        _deadlineTimer?.Dispose();
        _deadline.Dispose();
    }

    public readonly struct InFlightScope(ShutdownDrain owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner._inFlight);
    }
}
