using System.Diagnostics;
using System.Diagnostics.Metrics;
using Verifier.Core.Code;

namespace Verifier.Sandbox.Diagnostics;

/// <summary>The sandbox's metrics, on the meter <c>Verifier.Sandbox</c>.</summary>
public sealed class SandboxMetrics : IDisposable
{
    public const string MeterName = "Verifier.Sandbox";

    private readonly Meter _meter;
    private readonly Counter<long> _starts;
    private readonly Histogram<double> _startDuration;
    private readonly Counter<long> _removals;
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _runDuration;
    private readonly Histogram<double> _acquireWait;
    private Func<(int Warm, int Idle, int Busy, int Live)>? _pool;
    private Func<IEnumerable<Fleet.EngineCell>>? _engines;

    public SandboxMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _starts = _meter.CreateCounter<long>("verifier.sandbox.container.starts", description: "Sandbox containers started, by language, runtime and outcome");
        _startDuration = _meter.CreateHistogram<double>("verifier.sandbox.container.start.duration", "ms", "Time from create to a ready supervisor");
        _removals = _meter.CreateCounter<long>("verifier.sandbox.container.removals", description: "Sandbox containers removed");
        _runs = _meter.CreateCounter<long>("verifier.sandbox.runs", description: "Submissions judged, by language, verdict and mode");
        _runDuration = _meter.CreateHistogram<double>("verifier.sandbox.run.duration", "ms", "Wall time of a submission, container wait included");
        _acquireWait = _meter.CreateHistogram<double>("verifier.sandbox.acquire.wait", "ms", "Time a submission waited for a run slot and a container");
        _meter.CreateObservableGauge("verifier.sandbox.containers", ObservePoolState, description: "Sandbox containers by state: warm, idle (fast mode), busy");
        _meter.CreateObservableGauge("verifier.sandbox.engine.capacity", () => PerEngine(c => c.Capacity), description: "Runs each sandbox engine holds at once");
        _meter.CreateObservableGauge("verifier.sandbox.engine.in_use", () => PerEngine(c => c.InFlight), description: "Submissions placed on each sandbox engine, waiting for a run slot included");
        _meter.CreateObservableGauge("verifier.sandbox.engine.up", () => PerEngine(c => c.Up ? 1 : 0), description: "1 while a sandbox engine is in rotation, else 0");
        _meter.CreateObservableCounter("verifier.sandbox.engine.placements", () => PerEngine(c => c.Placements), description: "Submissions placed on each sandbox engine");
        _meter.CreateObservableCounter("verifier.sandbox.engine.failures", () => PerEngine(c => c.Failures), description: "Times each sandbox engine was taken out of rotation");
        _meter.CreateObservableCounter("verifier.sandbox.engine.reruns", () => PerEngine(c => c.Reruns), description: "Submissions run again elsewhere because their engine failed under them");
    }

    internal void ObservePool(Func<(int Warm, int Idle, int Busy, int Live)> counts) => _pool = counts;

    internal void ObserveEngines(Func<IEnumerable<Fleet.EngineCell>> engines) => _engines = engines;

    private IEnumerable<Measurement<T>> PerEngine<T>(Func<Fleet.EngineCell, T> value)
        where T : struct =>
        _engines is null ? [] : [.. _engines().Select(c => new Measurement<T>(value(c), new KeyValuePair<string, object?>("engine", c.Name)))];

    internal void ContainerStarted(string engine, string language, string runtime, double ms, bool ok)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", ok ? "ok" : "failed");
        var tag = new KeyValuePair<string, object?>("language", language);
        // The runtime changes a start's cost (crun ~100 ms of CPU less than runc here), so durations are compared per runtime.
        var runtimeTag = new KeyValuePair<string, object?>("runtime", runtime);
        var engineTag = new KeyValuePair<string, object?>("engine", engine);
        _starts.Add(1, tag, runtimeTag, outcome, engineTag);
        if (ok)
        {
            _startDuration.Record(ms, tag, runtimeTag, engineTag);
        }
    }

    internal void ContainerRemoved(string language) => _removals.Add(1, new KeyValuePair<string, object?>("language", language));

    internal void AcquireWait(double ms, string language) => _acquireWait.Record(ms, new KeyValuePair<string, object?>("language", language));

    internal void Judged(string language, CodeVerdictKind verdict, SandboxMode mode, double ms)
    {
        var tags = new TagList
        {
            { "language", language },
            { "verdict", verdict.ToWireName() },
            { "mode", mode == SandboxMode.Fast ? "fast" : "strict" },
        };
        _runs.Add(1, tags);
        _runDuration.Record(ms, tags);
    }

    private IEnumerable<Measurement<int>> ObservePoolState()
    {
        if (_pool is null)
        {
            yield break;
        }

        var (warm, idle, busy, _) = _pool();
        yield return new Measurement<int>(warm, new KeyValuePair<string, object?>("state", "warm"));
        yield return new Measurement<int>(idle, new KeyValuePair<string, object?>("state", "idle"));
        yield return new Measurement<int>(busy, new KeyValuePair<string, object?>("state", "busy"));
    }

    public void Dispose() => _meter.Dispose();
}
