using System.Net;
using Verifier.Sdk.Telemetry;
using Verifier.Sdk.Transport;

namespace Verifier.Sdk.Tests.Transport;

public sealed class ReplicaSetOnAFakeHandlerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task MarkDown_WhileTheProbeLoopIsStopping_StartsAnotherProbe()
    {
        var clock = new WatchedClock();
        var ready = new ReadyHandler();
        using var http = new HttpClient(ready);
        using var metrics = new SdkMetrics();
        var options = new VerifierClientOptions { ApiKey = "k", HealthProbeInterval = Interval };
        options.Endpoints.Add(new Uri("http://127.0.0.1:9/"));
        await using var set = new ReplicaSet(http, options, clock, metrics);
        var replica = set.All[0];
        var firstStop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var resume = new ManualResetEventSlim();
        var stops = 0;
        set.ProbeLoopExiting = () =>
        {
            if (Interlocked.Increment(ref stops) == 1)
            {
                firstStop.SetResult();
                resume.Wait();
            }
            else
            {
                secondStop.TrySetResult();
            }
        };

        try
        {
            // The replica fails; the probe finds it ready again, and the loop is held as it stops. The clock moves
            // on another thread: the loop may carry on inline there, as far as the hold.
            set.MarkDown(replica, "first failure");
            await Bounded.Wait(clock.NextTimer(), "no probe was scheduled after the first failure");
            var advanced = Task.Run(() => clock.Advance(Interval));
            await Bounded.Wait(firstStop.Task, "the probe loop did not stop once the replica was back");

            // The replica fails again at that very moment.
            set.MarkDown(replica, "second failure");
            resume.Set();
            await advanced;

            await Bounded.Wait(clock.NextTimer(), "the replica marked down while the probe loop stopped is never probed: it left the rotation for good");
            clock.Advance(Interval);
            await Bounded.Wait(secondStop.Task, "the second probe loop did not bring the replica back");
            Assert.True(replica.IsUp);
            Assert.Equal(2, ready.Probes);
        }
        finally
        {
            // A failed step must not leave the loop held, or disposing the set would wait for it for ever.
            resume.Set();
        }
    }

    /// <summary>Answers every readiness probe with 200.</summary>
    private sealed class ReadyHandler : HttpMessageHandler
    {
        private int _probes;

        public int Probes => Volatile.Read(ref _probes);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("/health/ready", request.RequestUri!.AbsolutePath);
            Interlocked.Increment(ref _probes);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
