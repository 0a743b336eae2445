using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Verifier.Service.Telemetry;

/// <summary>The service's own instruments; OpenTelemetry exports them at <c>/metrics</c>.</summary>
public sealed class VerifierMetrics
{
    public const string MeterName = "Verifier.Service";

    public static readonly ActivitySource Activities = new(MeterName);

    private readonly Counter<long> _items;
    private readonly Histogram<double> _itemSeconds;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _idempotentReplays;
    private long _queued;

    public VerifierMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _items = meter.CreateCounter<long>("verifier.items", "{item}", "Items scored, by kind and verdict.");
        _itemSeconds = meter.CreateHistogram<double>("verifier.item.duration", "s", "Time to score one item.");
        _requests = meter.CreateCounter<long>("verifier.requests", "{request}", "Verify requests, by route and outcome.");
        _rejected = meter.CreateCounter<long>("verifier.rejected", "{request}", "Requests refused by admission control, by reason.");
        _idempotentReplays = meter.CreateCounter<long>("verifier.idempotent_replays", "{request}", "Requests answered from the idempotency cache.");
        meter.CreateObservableGauge("verifier.queue.items", () => Volatile.Read(ref _queued), "{item}", "Items admitted and not yet answered.");
    }

    public void ItemScored(string kind, string verdict, TimeSpan elapsed)
    {
        var tags = new TagList { { "kind", kind }, { "verdict", verdict } };
        _items.Add(1, tags);
        _itemSeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
    }

    public void Request(string route, string outcome) =>
        _requests.Add(1, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("outcome", outcome));

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Replayed() => _idempotentReplays.Add(1);

    public void QueueChanged(int delta) => Interlocked.Add(ref _queued, delta);
}
