using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Verifier.Contracts;
using Verifier.TestSupport;

namespace Verifier.Sdk.Tests;

public sealed class ResilienceTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task TransientFailures_AreRetriedWithTheSameIdempotencyKey()
    {
        var faults = new FaultInjectingHandler((_, attempt) => attempt switch
        {
            1 => Fault.Refuse,
            2 => Fault.With(HttpStatusCode.BadGateway),
            _ => Fault.None,
        });
        await using var client = new VerifierClient(new HttpClient(faults), Items.Options(fixture.Host.Address));

        var results = await client.VerifyManyAsync(Items.Math(10));

        Assert.Equal(10, results.Count(r => r.Reward is not null));
        Assert.Equal(3, VerifyRequests(faults).Count);
        Assert.Single(VerifyRequests(faults).Distinct());
    }

    [Fact]
    public async Task LostResponse_IsRetried_AndTheServiceReplaysInsteadOfRunningAgain()
    {
        var faults = new FaultInjectingHandler((_, attempt) => attempt == 1 ? Fault.Lose : Fault.None);
        await using var client = new VerifierClient(new HttpClient(faults), Items.Options(fixture.Host.Address));
        using var replays = new CounterListener("Verifier.Service", "verifier.idempotent_replays");

        var results = await client.VerifyManyAsync([Items.SlowPython(0.2)]);

        Assert.Equal(Verdicts.Accepted, results[0].Verdict);
        Assert.Equal(2, VerifyRequests(faults).Count);
        Assert.True(replays.Total >= 1, "the retry should have been answered from the idempotency cache");
    }

    [Fact]
    public async Task TooManyRequests_IsRetriedAfterTheServersDelay()
    {
        var faults = new FaultInjectingHandler((_, attempt) => attempt <= 2 ? Fault.With(HttpStatusCode.TooManyRequests, TimeSpan.FromMilliseconds(300)) : Fault.None);
        await using var client = new VerifierClient(new HttpClient(faults), Items.Options(fixture.Host.Address));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var results = await client.VerifyManyAsync(Items.Math(3));

        Assert.All(results, r => Assert.NotNull(r.Reward));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(550), $"Retry-After was not honoured: {clock.Elapsed}");
    }

    [Fact]
    public async Task RealServiceThrottling_IsAbsorbedByRetries()
    {
        using var host = ServiceHost.Start(new Dictionary<string, string?> { ["Admission:TenantMaxConcurrentRequests"] = "1" });
        var options = Items.Options(host.Address);
        options.MaxBatchSize = 20;
        options.MaxConcurrentRequests = 2;
        // The tenant has one slot and the client two senders, so a retry meets 429 whenever its sibling holds the
        // slot: on a loaded machine six tries can all lose that race (a null reward for the batch, which this test
        // is not about). The attempts stay bounded; the total timeout still applies.
        options.MaxRetryAttempts = 40;
        var faults = new FaultInjectingHandler((_, _) => Fault.None);
        await using var client = new VerifierClient(new HttpClient(faults), options);

        // The tenant's one request slot is taken (a program that sleeps 1 s) before the SDK sends anything, so its
        // first batches meet a real 429: overlap is arranged, not hoped for from 20 micro-batches on a quiet machine.
        using var raw = host.Client();
        var holder = raw.PostAsJsonAsync("/v1/verify", new VerifyRequest { Items = [Items.SlowPython(1)] }, VerifierJsonContext.Default.VerifyRequest);
        var admission = host.Service<Verifier.Service.Admission.AdmissionController>();
        for (var i = 0; i < 1000 && admission.AdmittedItems == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, admission.AdmittedItems);
        var results = await client.VerifyManyAsync(Items.Math(400));

        Assert.Equal(400, results.Count(r => r.Reward is not null));
        Assert.Contains(faults.Log, l => l.Status == HttpStatusCode.TooManyRequests);
        using var held = await holder;
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
    }

    [Fact]
    public async Task CircuitBreaker_StopsSendingToAFailingReplica()
    {
        var broken = new Uri("http://127.0.0.2:9/");
        var faults = new FaultInjectingHandler((request, _) =>
            request.RequestUri!.Host == broken.Host ? Fault.With(HttpStatusCode.InternalServerError) : Fault.None);
        var options = Items.Options(broken, fixture.Host.Address);
        options.MaxBatchSize = 5;
        options.MaxConcurrentRequests = 1;
        options.BreakerMinimumThroughput = 2;
        options.BreakerBreakDuration = TimeSpan.FromSeconds(30);
        await using var client = new VerifierClient(new HttpClient(faults), options);

        var results = await client.VerifyManyAsync(Items.Math(200));

        Assert.Equal(200, results.Count(r => r.Reward is not null));
        var toBroken = faults.Log.Count(l => l.Path.StartsWith("/v1", StringComparison.Ordinal) && l.Status == HttpStatusCode.InternalServerError);
        Assert.InRange(toBroken, 1, 3);
    }

    [Fact]
    public async Task NoReplicaReachable_GivesNullRewardsWithAReason_NeverZero()
    {
        var options = Items.Options(new Uri("http://127.0.0.1:1/"));
        options.MaxRetryAttempts = 2;
        await using var client = new VerifierClient(options);

        var results = await client.VerifyManyAsync(Items.Math(4));

        Assert.All(results, r =>
        {
            Assert.Null(r.Reward);
            Assert.Equal(Verdicts.Error, r.Verdict);
            Assert.Contains("unavailable", r.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task NoReplicaReachable_WithThrowWhenUnavailable_Throws()
    {
        var options = Items.Options(new Uri("http://127.0.0.1:1/"));
        options.MaxRetryAttempts = 1;
        options.ThrowWhenUnavailable = true;
        await using var client = new VerifierClient(options);

        await Assert.ThrowsAsync<VerifierUnavailableException>(() => client.VerifyManyAsync(Items.Math(1)));
    }

    /// <summary>
    /// The requests to the verify API. A failed attempt takes its replica out of rotation, and the health probe
    /// that brings it back (after HealthProbeInterval) goes through the same handler: on a slow machine it lands
    /// before the call returns, and counting it made these tests fail.
    /// </summary>
    private static List<string?> VerifyRequests(FaultInjectingHandler faults) =>
        [.. faults.Log.Where(l => l.Path.StartsWith("/v1/", StringComparison.Ordinal)).Select(l => l.IdempotencyKey)];

    /// <summary>Sums one counter of the in-process service while alive.</summary>
    private sealed class CounterListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public CounterListener(string meter, string instrument)
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == meter && i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
