using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Verifier.Sandbox.Languages.CSharp;

/// <summary>
/// Warm compiler workers, one per compile slot. A worker that timed out or crashed is gone; its replacement starts in
/// the background at once, so the next compilation meets a warm Roslyn again (a worker takes about a second to warm).
/// The pool starts on first use (or at warm-up) and kills every worker when disposed.
/// </summary>
internal sealed class CompilerWorkerPool(int size) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly Channel<CompilerWorker> _ready = Channel.CreateUnbounded<CompilerWorker>();
    private readonly ConcurrentDictionary<CompilerWorker, bool> _live = new();
    private readonly ConcurrentDictionary<CompilerWorker, bool> _busy = new();
    private readonly CancellationTokenSource _disposed = new();
    private int _started;

    /// <summary>Process ids of the live workers (for tests that check a killed worker is gone).</summary>
    public IReadOnlyList<int> ProcessIds => [.. _live.Keys.Select(w => w.ProcessId)];

    /// <summary>Process ids of the workers compiling now.</summary>
    public IReadOnlyList<int> BusyProcessIds => [.. _busy.Keys.Select(w => w.ProcessId)];

    /// <summary>Starts the workers in the background, once.</summary>
    public void EnsureStarted()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            for (var i = 0; i < size; i++)
            {
                StartReplacement();
            }
        }
    }

    /// <summary>Waits for every worker to be warm (start-up and tests; requests only ever need one).</summary>
    public async Task WaitUntilWarmAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        // Live workers are warm (a worker joins once it said so), whether idle or already compiling.
        while (_live.Count < size)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A warm worker, for one compilation; give it back with <see cref="Return"/> or <see cref="Replace"/>.</summary>
    public async Task<CompilerWorker> RentAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        EnsureStarted();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        bounded.CancelAfter(timeout);
        try
        {
            var worker = await _ready.Reader.ReadAsync(bounded.Token).ConfigureAwait(false);
            _busy[worker] = true;
            return worker;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"no C# compiler worker was ready within {timeout.TotalMilliseconds:0} ms");
        }
    }

    public void Return(CompilerWorker worker)
    {
        _busy.TryRemove(worker, out _);
        if (_disposed.IsCancellationRequested || !_ready.Writer.TryWrite(worker))
        {
            Retire(worker);
        }
    }

    /// <summary>Kills the worker (if it still runs) and starts another in its place.</summary>
    public void Replace(CompilerWorker worker)
    {
        Retire(worker);
        StartReplacement();
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _ready.Writer.TryComplete();
        foreach (var worker in _live.Keys)
        {
            Retire(worker);
        }
    }

    private void Retire(CompilerWorker worker)
    {
        _busy.TryRemove(worker, out _);
        _live.TryRemove(worker, out _);
        worker.Dispose();
    }

    private void StartReplacement() => _ = Task.Run(async () =>
    {
        // A worker that cannot start (a broken deployment) is retried: renters time out meanwhile and get infra_error.
        while (!_disposed.IsCancellationRequested)
        {
            try
            {
                var worker = await CompilerWorker.StartAsync(StartTimeout, _disposed.Token).ConfigureAwait(false);
                _live[worker] = true;
                if (_disposed.IsCancellationRequested || !_ready.Writer.TryWrite(worker))
                {
                    Retire(worker);
                }

                return;
            }
            catch (Exception) when (!_disposed.IsCancellationRequested)
            {
                await Task.Delay(RetryDelay).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    });
}
