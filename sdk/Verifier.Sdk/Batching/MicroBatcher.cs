using System.Threading.Channels;
using Verifier.Contracts;

namespace Verifier.Sdk.Batching;

/// <summary>
/// Merges concurrent single-item calls into batch requests: a batch leaves when it is full or when its first
/// item has waited <c>maxDelay</c>. A call cancelled before its batch leaves is dropped from it; once sent,
/// the batch finishes for the others. Sends run as the client's <see cref="InFlightWork"/>: once the client is
/// disposed no batch leaves, and one in flight is cancelled; either way its callers get
/// <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class MicroBatcher : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<VerifyItem>, CancellationToken, Task<IReadOnlyList<VerifyResult>>> _send;
    private readonly int _maxBatch;
    private readonly TimeSpan _maxDelay;
    private readonly TimeProvider _time;
    private readonly InFlightWork _work;
    private readonly Task _loop;

    public MicroBatcher(
        Func<IReadOnlyList<VerifyItem>, CancellationToken, Task<IReadOnlyList<VerifyResult>>> send,
        int maxBatch,
        TimeSpan maxDelay,
        TimeProvider time,
        InFlightWork work)
    {
        _send = send;
        _maxBatch = maxBatch;
        _maxDelay = maxDelay;
        _time = time;
        _work = work;
        _loop = Task.Run(RunAsync);
    }

    public Task<VerifyResult> EnqueueAsync(VerifyItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Dispose();
            throw InFlightWork.Disposed();
        }

        return pending.Result.Task;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(_maxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            Drain(reader, batch);
            if (batch.Count < _maxBatch && _maxDelay > TimeSpan.Zero)
            {
                using var window = new CancellationTokenSource(_maxDelay, _time);
                try
                {
                    while (batch.Count < _maxBatch && await reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
                    {
                        Drain(reader, batch);
                    }
                }
                catch (OperationCanceledException) when (window.IsCancellationRequested)
                {
                    // The window closed; send what we have.
                }
            }

            var live = batch.Where(p => !p.Cancelled).ToList();
            foreach (var dropped in batch.Where(p => p.Cancelled))
            {
                dropped.Dispose();
            }

            batch.Clear();
            if (live.Count > 0)
            {
                _ = DispatchAsync(live);
            }
        }
    }

    private void Drain(ChannelReader<Pending> reader, List<Pending> batch)
    {
        while (batch.Count < _maxBatch && reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }
    }

    private async Task DispatchAsync(List<Pending> batch)
    {
        var entered = _work.TryEnter();
        try
        {
            if (!entered)
            {
                Fail(batch, InFlightWork.Disposed());
                return;
            }

            var results = await _send([.. batch.Select(p => p.Item)], _work.Stopping).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(results[i] with { Index = 0 });
            }
        }
        catch (OperationCanceledException) when (_work.IsStopping)
        {
            Fail(batch, InFlightWork.Disposed());
        }
        catch (Exception e)
        {
            Fail(batch, e);
        }
        finally
        {
            foreach (var pending in batch)
            {
                pending.Dispose();
            }

            // Only once every caller has its outcome: the client waits for this before disposing what sends use.
            if (entered)
            {
                _work.Leave();
            }
        }
    }

    private static void Fail(List<Pending> batch, Exception error)
    {
        foreach (var pending in batch)
        {
            pending.Result.TrySetException(error);
        }
    }

    /// <summary>Takes no more items, and returns once every item taken has been sent or failed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private sealed class Pending : IDisposable
    {
        private readonly CancellationTokenRegistration _registration;

        public Pending(VerifyItem item, CancellationToken cancellationToken)
        {
            Item = item;
            _registration = cancellationToken.Register(() => Result.TrySetCanceled(cancellationToken));
        }

        public VerifyItem Item { get; }

        public TaskCompletionSource<VerifyResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Cancelled => Result.Task.IsCanceled;

        public void Dispose() => _registration.Dispose();
    }
}
