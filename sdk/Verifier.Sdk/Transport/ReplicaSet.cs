using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Verifier.Sdk.Telemetry;

namespace Verifier.Sdk.Transport;

/// <summary>
/// The replicas and their health. Requests go to the replica in rotation with the least work in flight; a
/// replica that fails a connection, times out or says it is shutting down leaves the rotation and is probed
/// at <c>/health/ready</c> until it answers again.
/// </summary>
internal sealed class ReplicaSet : IAsyncDisposable
{
    private readonly Replica[] _replicas;
    private readonly HttpClient _http;
    private readonly VerifierClientOptions _options;
    private readonly TimeProvider _time;
    private readonly SdkMetrics _metrics;
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Guards <see cref="_probe"/> and <see cref="_stopped"/>; see <see cref="ProbeAsync"/> for why.</summary>
    private readonly Lock _probeGate = new();
    private Task? _probe;
    private bool _stopped;
    private int _next;

    public ReplicaSet(HttpClient http, VerifierClientOptions options, TimeProvider time, SdkMetrics metrics)
    {
        _http = http;
        _options = options;
        _time = time;
        _metrics = metrics;
        _replicas = [.. options.Endpoints.Select(uri => new Replica(WithTrailingSlash(uri), BuildReplicaPipeline(options, time)))];
    }

    public IReadOnlyList<Replica> All => _replicas;

    /// <summary>Test seam: runs when the probe loop has decided to stop, just before it returns.</summary>
    internal Action? ProbeLoopExiting { get; set; }

    /// <summary>Least loaded replica in rotation, avoiding the one that just failed when there is a choice.</summary>
    public Replica Pick(Replica? avoid)
    {
        Replica? best = null;
        var start = Interlocked.Increment(ref _next);
        for (var k = 0; k < _replicas.Length; k++)
        {
            var candidate = _replicas[(int)((uint)(start + k) % (uint)_replicas.Length)];
            if (!candidate.IsUp || (ReferenceEquals(candidate, avoid) && _replicas.Length > 1))
            {
                continue;
            }

            if (best is null || candidate.InFlight < best.InFlight)
            {
                best = candidate;
            }
        }

        // Nothing in rotation: try anyway (a replica may be back before its probe notices), but not the one
        // that just failed if another exists.
        return best ?? _replicas.FirstOrDefault(r => !ReferenceEquals(r, avoid)) ?? _replicas[0];
    }

    public void MarkDown(Replica replica, string reason)
    {
        if (!replica.MarkDown())
        {
            return;
        }

        _metrics.ReplicaDown(replica.BaseUri, reason);
        lock (_probeGate)
        {
            if (!_stopped)
            {
                _probe ??= Task.Run(ProbeAsync);
            }
        }
    }

    /// <summary>True for failures that say the replica itself is unwell, rather than the request.</summary>
    public static bool IsReplicaFailure(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        HttpRequestException or TimeoutRejectedException or BrokenCircuitException or IOException => true,
        null => outcome.Result?.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout,
        _ => false,
    };

    /// <summary>
    /// Probes the replicas out of rotation until none is left. Deciding to stop and forgetting this loop are one
    /// step under the gate that <see cref="MarkDown"/> takes: a replica marked down before that step keeps this
    /// loop going, and one marked down after it finds no loop and starts one. Were they two steps, a replica
    /// marked down between them would find a loop about to end, start none, and never be probed again.
    /// </summary>
    private async Task ProbeAsync()
    {
        while (true)
        {
            lock (_probeGate)
            {
                if (_stopped || _replicas.All(r => r.IsUp))
                {
                    _probe = null;
                    break;
                }
            }

            try
            {
                await Task.Delay(_options.HealthProbeInterval, _time, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the gate above says so.
                continue;
            }

            foreach (var replica in _replicas.Where(r => !r.IsUp))
            {
                if (await IsReadyAsync(replica).ConfigureAwait(false) && replica.MarkUp())
                {
                    _metrics.ReplicaUp(replica.BaseUri);
                }
            }
        }

        ProbeLoopExiting?.Invoke();
    }

    private async Task<bool> IsReadyAsync(Replica replica)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await _http.GetAsync(new Uri(replica.BaseUri, "health/ready"), timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception)
        {
            // Whatever went wrong, the replica is not shown ready. An exception let out would end the probe loop
            // without clearing _probe, and no replica marked down after it would ever be probed again.
            return false;
        }
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildReplicaPipeline(VerifierClientOptions options, TimeProvider time) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsReplicaFailure(args.Outcome) || args.Outcome.Result?.StatusCode == HttpStatusCode.InternalServerError),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    /// <summary>Stops the probe and waits for it, so it never uses the HttpClient its owner disposes next.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? probe;
        lock (_probeGate)
        {
            _stopped = true;
            probe = _probe;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (probe is not null)
        {
            await probe.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }
}
