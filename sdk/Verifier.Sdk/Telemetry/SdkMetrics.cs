using System.Diagnostics.Metrics;

namespace Verifier.Sdk.Telemetry;

/// <summary>The client's instruments (System.Diagnostics.Metrics): requests, retries, batch sizes, latency, replica health.</summary>
internal sealed class SdkMetrics : IDisposable
{
    public const string MeterName = "Verifier.Sdk";

    private readonly Meter _meter;
    private readonly Counter<long> _responses;
    private readonly Counter<long> _retries;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _replicaTransitions;
    private long _requests;

    public SdkMetrics(IMeterFactory? meters = null)
    {
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _responses = _meter.CreateCounter<long>("verifier.client.responses", "{response}", "HTTP responses by replica and status (0: no response).");
        _retries = _meter.CreateCounter<long>("verifier.client.retries", "{retry}", "Retried attempts, by route and status.");
        _batchSize = _meter.CreateHistogram<int>("verifier.client.batch_size", "{item}", "Items per request sent.");
        _latency = _meter.CreateHistogram<double>("verifier.client.request.duration", "s", "Time for one logical request, retries included.");
        _replicaTransitions = _meter.CreateCounter<long>("verifier.client.replica_transitions", "{transition}", "Replicas taken out of or back into rotation.");
    }

    /// <summary>Logical requests sent (each batch once, however many attempts it took).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public void Sent(int items)
    {
        Interlocked.Increment(ref _requests);
        _batchSize.Record(items);
    }

    public void Completed(TimeSpan elapsed) => _latency.Record(elapsed.TotalSeconds);

    public void Response(Uri replica, int status) =>
        _responses.Add(1, new KeyValuePair<string, object?>("replica", replica.Authority), new KeyValuePair<string, object?>("status", status));

    public void Retried(string route, int status) =>
        _retries.Add(1, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("status", status));

    public void ReplicaDown(Uri replica, string reason) =>
        _replicaTransitions.Add(1, new KeyValuePair<string, object?>("replica", replica.Authority), new KeyValuePair<string, object?>("to", "down"), new KeyValuePair<string, object?>("reason", reason));

    public void ReplicaUp(Uri replica) =>
        _replicaTransitions.Add(1, new KeyValuePair<string, object?>("replica", replica.Authority), new KeyValuePair<string, object?>("to", "up"));

    public void Dispose() => _meter.Dispose();
}
