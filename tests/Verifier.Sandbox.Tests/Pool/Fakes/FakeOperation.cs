namespace Verifier.Sandbox.Tests.Pool.Fakes;

/// <summary>
/// How one operation of the fake engine behaves: it succeeds, fails (always, or the next few calls), or is held at a
/// gate until the test lets it through, so a test can catch the pool with a call in flight.
/// </summary>
internal sealed class FakeOperation(string name)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _gate = Opened();
    private Exception? _failure;
    private int _failuresLeft;
    private int _calls;

    /// <summary>Calls that reached the operation (held ones included).</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Fails the next <paramref name="times"/> calls (every call by default) with an engine error.</summary>
    public void Fail(int times = int.MaxValue, Exception? error = null)
    {
        lock (_lock)
        {
            _failure = error ?? new InvalidOperationException($"fake engine: {name} failed");
            _failuresLeft = times;
        }
    }

    public void Recover()
    {
        lock (_lock)
        {
            _failure = null;
            _failuresLeft = 0;
        }
    }

    /// <summary>Calls from now on wait until <see cref="Let"/>.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            if (_gate.Task.IsCompleted)
            {
                _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Lets the held calls (and every later one) through.</summary>
    public void Let()
    {
        lock (_lock)
        {
            _gate.TrySetResult();
        }
    }

    /// <summary>Runs at the start of the engine call: counts it, waits at the gate, then fails if told to.</summary>
    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Task gate;
        lock (_lock)
        {
            gate = _gate.Task;
        }

        await gate.WaitAsync(cancellationToken);
        lock (_lock)
        {
            if (_failure is not null && _failuresLeft > 0)
            {
                _failuresLeft--;
                throw _failure;
            }
        }
    }

    private static TaskCompletionSource Opened()
    {
        var opened = new TaskCompletionSource();
        opened.SetResult();
        return opened;
    }
}
