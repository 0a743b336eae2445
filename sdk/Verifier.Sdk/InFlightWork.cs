namespace Verifier.Sdk;

/// <summary>
/// The client's calls still running. Disposing the client stops letting calls in, cancels those running and
/// waits for the last to leave, so none is still using the HttpClient, the request slots or the replicas when
/// they are disposed; each learns it was cut short by disposal and says so to its caller.
/// </summary>
internal sealed class InFlightWork : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private int _running;
    private bool _stopped;

    public InFlightWork() => Stopping = _stopping.Token;

    /// <summary>Cancelled when the client is disposed; every send observes it.</summary>
    public CancellationToken Stopping { get; }

    public bool IsStopping => Stopping.IsCancellationRequested;

    /// <summary>False once the client is being disposed; after true, <see cref="Leave"/> must follow.</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }

            _running++;
            return true;
        }
    }

    public void Leave()
    {
        lock (_gate)
        {
            if (--_running == 0 && _stopped)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Lets no call in, cancels those running, and completes when the last has left.</summary>
    public async Task StopAsync()
    {
        lock (_gate)
        {
            _stopped = true;
            if (_running == 0)
            {
                _drained.TrySetResult();
            }
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _drained.Task.ConfigureAwait(false);
    }

    /// <summary>What a caller whose call was cut short, or came too late, is told.</summary>
    public static ObjectDisposedException Disposed() =>
        new(nameof(VerifierClient), "The client was disposed; calls still running were cancelled.");

    public void Dispose() => _stopping.Dispose();
}
