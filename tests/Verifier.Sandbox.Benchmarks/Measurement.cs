using System.Diagnostics;

namespace Verifier.Sandbox.Benchmarks;

/// <summary>One measured scenario.</summary>
internal sealed record Measurement(string Language, int Tests, int Concurrency, string Mode, int Submissions, int Failures, double Seconds, double P50Ms, double P99Ms, double CpuMsPerSubmission)
{
    public double Throughput => Submissions / Seconds;

    /// <summary>
    /// Keeps <paramref name="concurrency"/> submissions in flight until <paramref name="target"/> have completed or
    /// <paramref name="budget"/> has passed (whichever comes first, after at least one full wave).
    /// </summary>
    public static async Task<Measurement> RunAsync(
        string language, int tests, int concurrency, string mode, int target, TimeSpan budget, Func<CancellationToken, Task<bool>> submit)
    {
        var latencies = new List<double>();
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        var wholeMachine = mode.Contains("-oci", StringComparison.Ordinal);
        var cpuStart = CpuMeter.NowMs(wholeMachine);
        var issued = 0;
        var gate = new object();

        async Task Worker()
        {
            while (true)
            {
                lock (gate)
                {
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    if (issued >= target || (elapsed > budget && issued >= concurrency))
                    {
                        return;
                    }

                    issued++;
                }

                var t = Stopwatch.GetTimestamp();
                var ok = await submit(CancellationToken.None);
                var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                lock (gate)
                {
                    latencies.Add(ms);
                    failures += ok ? 0 : 1;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuMs = CpuMeter.NowMs(wholeMachine) - cpuStart;
        latencies.Sort();
        return new Measurement(
            language, tests, concurrency, mode, latencies.Count, failures, seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), cpuMs / Math.Max(1, latencies.Count));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
