using System.Diagnostics.Metrics;
using Verifier.Core.Code;
using Verifier.Sandbox.Diagnostics;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Configuration;

[Collection(SandboxCollection.Name)]
public class HealthAndMetricsTests(SharedSandbox shared)
{
    [Fact]
    public async Task Health_WhenEngineAndImagesPresent_IsHealthy()
    {
        var health = await shared.Sandbox.CheckHealthAsync();

        Assert.True(health.Healthy, health.Reason);
        Assert.True(health.EngineReachable);
        Assert.All(DockerEnvironment.Images, image => Assert.True(health.Images[image]));
    }

    [Fact]
    public async Task Metrics_CountRunsByVerdictAndObserveThePool()
    {
        var runs = new List<(long Value, string? Verdict)>();
        var pool = new List<(int Value, string? State)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SandboxMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "verifier.sandbox.runs")
            {
                lock (runs)
                {
                    runs.Add((value, Tag(tags, "verdict")));
                }
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "verifier.sandbox.containers")
            {
                pool.Add((value, Tag(tags, "state")));
            }
        });
        listener.Start();

        await shared.Sandbox.VerifyAsync(Python("print(2)", Prints("1")));
        listener.RecordObservableInstruments();

        lock (runs)
        {
            Assert.Contains(runs, r => r.Verdict == "wrong_answer");
        }

        Assert.Contains(pool, p => p.State == "warm");
        Assert.Contains(pool, p => p.State == "busy");
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
