using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Verifier.Core.Code;
using Verifier.Sandbox.Diagnostics;
using Verifier.Sandbox.Fleet;
using Verifier.Sandbox.Tests.Infrastructure;
using Xunit;

namespace Verifier.Sandbox.Tests.Fleet;

/// <summary>An engine that stops answering leaves the rotation and comes back into it when it answers again.</summary>
[Collection(SandboxCollection.Name)] // one engine-heavy test at a time, as every Docker test (and engine metrics named alike do not mix)
public sealed class EngineRotationTests
{
    [Fact]
    public async Task A_hung_engine_leaves_the_rotation_and_returns_when_it_answers()
    {
        await DockerEnvironment.EnsureReadyAsync();
        await using var extra = await ExtraEngine.StartAsync(["verifier-sandbox-python:2"]);
        await using var host = await TwoEngineFleet.StartAsync(extra, capacity: 2, maxConcurrentRuns: 2);
        var fleet = host.Services.GetRequiredService<EngineFleet>();
        var hung = fleet.Cells[1];
        Assert.True(hung.Up, hung.DownReason);

        extra.PauseDaemon();
        try
        {
            await Until(() => !hung.Up, "the hung engine never left the rotation");
            Assert.Contains("did not answer", hung.DownReason);
            var placed = hung.Placements;
            var verdicts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => host.Sandbox.VerifyAsync(
                Requests.Python("print(int(input()) * 2)", Requests.Io(($"{i}\n", $"{2 * i}\n")), key: $"rotation/{i}"))));
            Assert.All(verdicts, v => Assert.Equal(CodeVerdictKind.Accepted, v.Verdict));
            Assert.Equal(placed, hung.Placements);
        }
        finally
        {
            extra.ResumeDaemon();
        }

        await Until(() => hung.Up, "the engine never came back into the rotation");
        Assert.Null(hung.DownReason);
        var before = hung.Placements;
        // Two at once on two engines of two slots: placement spreads them (the freest engine, ties in turn).
        var after = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => host.Sandbox.VerifyAsync(
            Requests.Python("print(int(input()) * 2)", Requests.Io(($"{i}\n", $"{2 * i}\n")), key: $"back/{i}"))));
        Assert.All(after, v => Assert.Equal(CodeVerdictKind.Accepted, v.Verdict));
        Assert.True(hung.Placements > before, "nothing was placed on the engine after it came back");
        Assert.Equal(1, hung.Failures);

        // The same facts as the metrics export them, by engine ("extra" is this test's own name).
        var exported = ObserveEngine("extra");
        Assert.Equal(1, exported["verifier.sandbox.engine.up"]);
        Assert.Equal(2, exported["verifier.sandbox.engine.capacity"]);
        Assert.Equal(1, exported["verifier.sandbox.engine.failures"]);
        Assert.Equal(hung.Placements, exported["verifier.sandbox.engine.placements"]);
    }

    private static Dictionary<string, long> ObserveEngine(string engine)
    {
        var values = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SandboxMetrics.MeterName && instrument.Name.StartsWith("verifier.sandbox.engine.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "engine" && (string?)tag.Value == engine)
                {
                    values[instrument.Name] = value;
                }
            }
        }

        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    private static async Task Until(Func<bool> condition, string failure)
    {
        for (var waited = 0; waited < 300 && !condition(); waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), failure);
    }
}
