using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Verifier.Contracts;
using Verifier.Sdk.Batching;
using Verifier.Sdk.Grpo;
using Verifier.Sdk.Telemetry;
using Verifier.Sdk.Transport;

namespace Verifier.Sdk;

/// <summary>
/// Scores completions through one or more verifier replicas, with batching, retries, a circuit breaker per
/// replica and idempotency keys. Thread-safe; create one and share it. An item the service could not score
/// comes back with a null reward and a reason, never a made-up 0.
/// </summary>
/// <remarks>
/// Disposing cancels the calls still running and waits for them, then releases the connections: a caller
/// whose call was cut short gets <see cref="ObjectDisposedException"/>, as does any call made afterwards.
/// Cancelling rather than letting them finish keeps disposal prompt (finishing could take the whole
/// <see cref="VerifierClientOptions.TotalTimeout"/> against an unwell replica), and results arriving after
/// their client is gone have no one left to use them; await your calls before disposing to keep theirs.
/// </remarks>
public partial class VerifierClient : IAsyncDisposable, IDisposable
{
    private const string VerifyPath = "v1/verify";
    private const string StreamPath = "v1/verify/stream";

    private static readonly BatchRoute<VerifyItem, VerifyResult> VerifyRoute = new(
        VerifyPath,
        batch => JsonSerializer.SerializeToUtf8Bytes(new VerifyRequest { Items = batch }, VerifierJsonContext.Default.VerifyRequest),
        payload => JsonSerializer.Deserialize(payload, VerifierJsonContext.Default.VerifyResponse)?.Results,
        IsRetryable,
        (result, index) => result with { Index = index },
        Unavailable);

    private readonly HttpClient _http = null!;
    private readonly bool _ownsHttp;
    private readonly VerifierClientOptions _options = null!;
    private readonly ReplicaSet _replicas = null!;
    private readonly ResilientTransport _transport = null!;
    private readonly MicroBatcher _batcher = null!;
    private readonly SemaphoreSlim _inFlight = null!;
    private readonly SdkMetrics _metrics = null!;
    private readonly InFlightWork _work = null!;
    private readonly Lazy<Task> _release = null!;

    /// <summary>For mocking.</summary>
    protected VerifierClient()
    {
    }

    /// <summary>A client with its own connection pool.</summary>
    public VerifierClient(VerifierClientOptions options)
        : this(CreateHttpClient(), options, ownsHttp: true, TimeProvider.System, meters: null)
    {
    }

    /// <summary>A client over a caller's <see cref="HttpClient"/> (from IHttpClientFactory, say), which it does not dispose.</summary>
    public VerifierClient(HttpClient httpClient, VerifierClientOptions options, TimeProvider? timeProvider = null, IMeterFactory? meters = null)
        : this(httpClient, options, ownsHttp: false, timeProvider ?? TimeProvider.System, meters)
    {
    }

    private VerifierClient(HttpClient http, VerifierClientOptions options, bool ownsHttp, TimeProvider time, IMeterFactory? meters)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _ownsHttp = ownsHttp;
        _options = options;
        _metrics = new SdkMetrics(meters);
        _replicas = new ReplicaSet(http, options, time, _metrics);
        _transport = new ResilientTransport(http, _replicas, options, time, _metrics);
        _inFlight = new SemaphoreSlim(options.MaxConcurrentRequests);
        _work = new InFlightWork();
        _batcher = new MicroBatcher((batch, ct) => SendBatchAsync(VerifyRoute, batch, ct), options.MaxBatchSize, options.MaxBatchDelay, time, _work);
        _release = new Lazy<Task>(ReleaseAsync);
    }

    /// <summary>Logical requests sent so far (a retried request counts once).</summary>
    public long RequestsSent => _metrics.Requests;

    /// <summary>Scores one item; concurrent calls share batch requests.</summary>
    public virtual Task<VerifyResult> VerifyAsync(VerifyItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _batcher.EnqueueAsync(item, cancellationToken);
    }

    /// <summary>Scores many items, split into batches sent concurrently; results in input order, <c>Index</c> the input position.</summary>
    public virtual Task<IReadOnlyList<VerifyResult>> VerifyManyAsync(IReadOnlyList<VerifyItem> items, CancellationToken cancellationToken = default) =>
        SendManyAsync(VerifyRoute, items, cancellationToken);

    /// <summary>Sends many items of one route, split into batches sent concurrently; results in input order, re-indexed.</summary>
    private async Task<IReadOnlyList<TResult>> SendManyAsync<TItem, TResult>(
        BatchRoute<TItem, TResult> route, IReadOnlyList<TItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        EnterOrThrow();
        try
        {
            using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _work.Stopping);
            var results = new TResult[items.Count];
            var chunks = Chunk(items.Count).Select(async chunk =>
            {
                var batch = await SendBatchAsync(route, Slice(items, chunk), call.Token).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    results[chunk.Start + i] = route.WithIndex(batch[i], chunk.Start + i);
                }
            });
            await Task.WhenAll(chunks).ConfigureAwait(false);
            return results;
        }
        catch (OperationCanceledException) when (_work.IsStopping && !cancellationToken.IsCancellationRequested)
        {
            throw InFlightWork.Disposed();
        }
        finally
        {
            _work.Leave();
        }
    }

    /// <summary>
    /// Scores many items and yields each result as soon as the service finishes it (completion order);
    /// <c>Index</c> is the input position. Every item is yielded exactly once, even across a replica failure.
    /// </summary>
    public virtual async IAsyncEnumerable<VerifyResult> StreamAsync(
        IReadOnlyList<VerifyItem> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        EnterOrThrow();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _work.Stopping);
        var output = Channel.CreateUnbounded<VerifyResult>(new UnboundedChannelOptions { SingleReader = true });
        var producers = Chunk(items.Count).Select(chunk => new StreamedChunk(this, items, chunk).RunAsync(output.Writer, linked.Token)).ToList();
        _ = Task.WhenAll(producers).ContinueWith(
            t =>
            {
                // Leave only once the channel says how the producers ended: disposal, which waits for this, then
                // returns with the stream's reader already told.
                output.Writer.TryComplete(StreamFailure(t, cancellationToken));
                _work.Leave();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        try
        {
            await foreach (var result in output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            // Leaving early (break, cancellation) stops the requests still streaming.
            await linked.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Scores GRPO groups (the completions of each prompt) and yields each group as soon as all of its
    /// completions are scored, so a trainer can start computing advantages for finished groups.
    /// </summary>
    public virtual async IAsyncEnumerable<GroupResult> ScoreGroupsAsync(
        IReadOnlyList<CompletionGroup> groups, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var items = new List<VerifyItem>();
        var owner = new List<(int Group, int Member)>();
        var pending = new VerifyResult?[groups.Count][];
        var missing = new int[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            pending[g] = new VerifyResult?[groups[g].Completions.Count];
            missing[g] = groups[g].Completions.Count;
            for (var k = 0; k < groups[g].Completions.Count; k++)
            {
                items.Add(groups[g].ItemFor(k));
                owner.Add((g, k));
            }

            if (missing[g] == 0)
            {
                yield return new GroupResult(g, groups[g].PromptId, []);
            }
        }

        await foreach (var result in StreamAsync(items, cancellationToken).ConfigureAwait(false))
        {
            var (g, k) = owner[result.Index];
            pending[g][k] = result with { Index = k };
            if (--missing[g] == 0)
            {
                yield return new GroupResult(g, groups[g].PromptId, [.. pending[g].Select(r => r!)]);
            }
        }
    }

    private void EnterOrThrow()
    {
        if (!_work.TryEnter())
        {
            throw InFlightWork.Disposed();
        }
    }

    /// <summary>
    /// How a stream's producers ended, as its reader should see it: null when they finished, and disposal
    /// rather than a bare cancellation when the client was disposed under them (else the stream would just end).
    /// </summary>
    private Exception? StreamFailure(Task producers, CancellationToken caller) =>
        (producers.IsCanceled || producers.Exception?.InnerException is OperationCanceledException)
            && _work.IsStopping && !caller.IsCancellationRequested
            ? InFlightWork.Disposed()
            : producers.Exception?.InnerException;

    /// <summary>
    /// Sends one batch (with retries); results in batch order. Items a replica gave back as <c>cancelled</c>
    /// (it was shutting down) are sent again, so a replica leaving mid-run costs time, not results.
    /// </summary>
    private async Task<IReadOnlyList<TResult>> SendBatchAsync<TItem, TResult>(
        BatchRoute<TItem, TResult> route, IReadOnlyList<TItem> batch, CancellationToken cancellationToken)
    {
        var results = (await SendOnceAsync(route, batch, cancellationToken).ConfigureAwait(false)).ToArray();
        for (var attempt = 0; attempt < _options.MaxRetryAttempts; attempt++)
        {
            var again = Enumerable.Range(0, results.Length).Where(i => route.GivenBack(results[i])).ToArray();
            if (again.Length == 0)
            {
                break;
            }

            var retried = await SendOnceAsync(route, [.. again.Select(i => batch[i])], cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < again.Length; k++)
            {
                results[again[k]] = route.WithIndex(retried[k], again[k]);
            }
        }

        return results;
    }

    /// <summary>The service gave the item up because it was stopping, not because of the item.</summary>
    internal static bool IsRetryable(VerifyResult result) => result.Verdict == Verdicts.Cancelled;

    private async Task<IReadOnlyList<TResult>> SendOnceAsync<TItem, TResult>(
        BatchRoute<TItem, TResult> route, IReadOnlyList<TItem> batch, CancellationToken cancellationToken)
    {
        var body = route.Body(batch);
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        try
        {
            _metrics.Sent(batch.Count);
            using var response = await _transport.SendAsync(route.Path, body, NewKey(), streaming: false, cancellationToken).ConfigureAwait(false);
            var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var results = route.Results(payload);
            if (results is null || results.Count != batch.Count)
            {
                throw new VerifierRequestFailedException(response.StatusCode, null, $"the service answered {results?.Count ?? 0} results for {batch.Count} items");
            }

            return results;
        }
        catch (VerifierUnavailableException e) when (!_options.ThrowWhenUnavailable)
        {
            return [.. batch.Select((item, i) => route.Unavailable(item, i, e))];
        }
        finally
        {
            _metrics.Completed(Stopwatch.GetElapsedTime(started));
            _inFlight.Release();
        }
    }

    internal static VerifyResult Unavailable(VerifyItem item, int index, Exception reason) => new()
    {
        Index = index,
        Id = item.Id,
        Verdict = Verdicts.Error,
        Reason = $"verifier unavailable: {reason.Message}",
    };

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private IEnumerable<(int Start, int Count)> Chunk(int count)
    {
        for (var start = 0; start < count; start += _options.MaxBatchSize)
        {
            yield return (start, Math.Min(_options.MaxBatchSize, count - start));
        }
    }

    private static T[] Slice<T>(IReadOnlyList<T> items, (int Start, int Count) chunk)
    {
        var slice = new T[chunk.Count];
        for (var i = 0; i < chunk.Count; i++)
        {
            slice[i] = items[chunk.Start + i];
        }

        return slice;
    }

    private static HttpClient CreateHttpClient()
    {
        var http = new HttpClient(VerifierHttp.CreatePrimaryHandler());
        VerifierHttp.Configure(http);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        Dispose(disposing: false);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// As <see cref="DisposeAsync"/>, blocking until the calls in flight have ended; for callers that cannot
    /// await, such as a DI container disposed synchronously (which refuses a service that is only async-disposable).
    /// </summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _release is not null)
        {
            // Blocking cannot deadlock: the release waits only on the client's own work, which never needs the
            // caller's thread or context (every await in it is ConfigureAwait(false)).
            _release.Value.GetAwaiter().GetResult();
        }
    }

    protected virtual async ValueTask DisposeAsyncCore()
    {
        if (_release is null)
        {
            // Built for mocking: nothing to release.
            return;
        }

        // Once only, however many times or threads dispose; each waits for the one release.
        await _release.Value.ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the calls first and waits for them: only then is nothing using the request slots, the replicas'
    /// probe or the HttpClient, which are released after.
    /// </summary>
    private async Task ReleaseAsync()
    {
        await _work.StopAsync().ConfigureAwait(false);
        await _batcher.DisposeAsync().ConfigureAwait(false);
        await _replicas.DisposeAsync().ConfigureAwait(false);
        _work.Dispose();
        _inFlight.Dispose();
        _metrics.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
