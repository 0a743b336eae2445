using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Verifier.Core.Code;
using Verifier.Sandbox.Fleet;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Tests.Infrastructure;

namespace Verifier.Sandbox.Benchmarks;

/// <summary>
/// The engine fleet on one machine: the same one-test Python submissions through 1, 2 and 3 engines (extra dockerd on
/// their own sockets, data roots and cgroups). They share this machine's cores, so the figures that matter are the
/// CPU each submission costs, per engine and in the verifier, and what placement itself costs, not a speed-up.
/// </summary>
internal static class FleetLoad
{
    private const int InFlight = 8;
    private const int CapacityPerEngine = 4;

    public static async Task<string> RunAsync(int submissions, int repeats)
    {
        var engines = new List<ExtraEngine>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                engines.Add(await ExtraEngine.StartAsync(["verifier-sandbox-python:2"]));
            }

            var rows = new List<string>();
            for (var repeat = 0; repeat < repeats; repeat++)
            {
                foreach (var count in new[] { 1, 2, 3 })
                {
                    rows.Add(await MeasureAsync(engines.Take(count).ToList(), submissions, repeat));
                    Console.WriteLine(rows[^1]);
                }
            }

            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} CPUs; one-test Python, {InFlight} in flight, capacity {CapacityPerEngine} per engine, fast mode, {submissions} measured submissions per row");
            text.AppendLine();
            text.AppendLine("| engines | repeat | submissions/s | p50 ms | verifier CPU ms/sub | engines CPU ms/sub | less their idle CPU | engines idle CPU ms/s | containers started | per engine: placed (CPU ms/sub of its own) | failures |");
            text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
            rows.ForEach(r => text.AppendLine(r));
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"placement: {PlacementNs():0} ns per decision (3 engines, 1e6 decisions)");
            return text.ToString();
        }
        finally
        {
            foreach (var engine in engines)
            {
                await engine.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// One engine with both runc and gVisor's runsc registered (where runsc is installed), the same submissions under each:
    /// what the second kernel costs. runsc is refused for production (see the sandbox README, "gVisor"); measured anyway.
    /// </summary>
    public static async Task<string> RuntimesAsync(int submissions, int repeats)
    {
        if (!File.Exists("/usr/bin/runsc"))
        {
            return "runsc is not installed (apt-get install runsc): nothing to compare";
        }

        var config = Path.Combine(Path.GetTempPath(), $"runsc-daemon-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, "{\"runtimes\": {\"runsc\": {\"path\": \"/usr/bin/runsc\", \"runtimeArgs\": [\"--network=none\", \"--host-uds=open\"]}}}");
        var engine = await ExtraEngine.StartAsync(["verifier-sandbox-python:2"], "--config-file", config);
        try
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} CPUs; one-test Python, {InFlight} in flight, capacity {CapacityPerEngine}, fast mode, one engine, {submissions} measured submissions per row");
            text.AppendLine();
            text.AppendLine("| runtime | repeat | submissions/s | p50 ms | verifier CPU ms/sub | engine CPU ms/sub | less its idle CPU | engine idle CPU ms/s | containers started | placed (CPU ms/sub) | failures |");
            text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
            for (var repeat = 0; repeat < repeats; repeat++)
            {
                foreach (var runtime in new[] { "runc", "runsc" })
                {
                    var row = await MeasureAsync([engine], submissions, repeat, runtime);
                    Console.WriteLine(row);
                    text.AppendLine("| " + runtime + " " + row[row.IndexOf('|', 1)..]);
                }
            }

            return text.ToString();
        }
        finally
        {
            await engine.DisposeAsync();
            File.Delete(config);
        }
    }

    private static async Task<string> MeasureAsync(IReadOnlyList<ExtraEngine> engines, int submissions, int repeat, string runtime = "runc")
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddCodeSandbox(o =>
        {
            o.InstanceName = "fleet-bench-" + Guid.NewGuid().ToString("N")[..8];
            o.Engines = [.. engines.Select((e, i) => new EngineOptions { Name = $"e{i}", Endpoint = e.Endpoint, Runtime = runtime, Capacity = CapacityPerEngine, Languages = ["python"] })];
            o.MaxConcurrentRuns = CapacityPerEngine;
            o.AllowRuntimesFailingContainment = runtime == "runsc";
        });
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            var sandbox = provider.GetRequiredService<ICodeSandbox>();
            var fleet = provider.GetRequiredService<EngineFleet>();
            var counter = 0;
            async Task<bool> SubmitAsync(CancellationToken cancellationToken)
            {
                var n = Interlocked.Increment(ref counter);
                var request = new CodeRequest
                {
                    Language = "python",
                    Code = "n = int(input())\nprint(n * 2)\n",
                    Tests = new IoTests([new IoCase($"{n}\n", $"{2 * n}\n")]),
                    IsolationKey = $"fleet-bench/{n % InFlight}",
                };
                return (await sandbox.VerifyAsync(request, cancellationToken)).Verdict == CodeVerdictKind.Accepted;
            }

            // Warm-up: containers bound to their keys on every engine, JIT done.
            await Measurement.RunAsync("python", 1, InFlight, "fleet", 4 * InFlight, TimeSpan.FromSeconds(60), SubmitAsync);
            // Each engine's own background CPU (its daemons' timers and polling) while nothing is submitted: billed
            // per second of the run, it is what more engines cost whatever the load; the rest is the submissions'.
            var idleBefore = engines.Select(e => e.CpuMs() ?? 0).ToList();
            var idleStarted = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idleSeconds = Stopwatch.GetElapsedTime(idleStarted).TotalSeconds;
            var idlePerSecond = engines.Select((e, i) => ((e.CpuMs() ?? 0) - idleBefore[i]) / idleSeconds).ToList();
            var placedBefore = fleet.Cells.Select(c => c.Placements).ToList();
            var startsBefore = fleet.Cells.Sum(c => c.Pool.ContainersStarted);
            var engineCpuBefore = engines.Select(e => e.CpuMs() ?? 0).ToList();
            var selfBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
            var measured = await Measurement.RunAsync("python", 1, InFlight, "fleet", submissions, TimeSpan.FromSeconds(120), SubmitAsync);
            var self = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - selfBefore;
            var engineCpu = engines.Select((e, i) => (e.CpuMs() ?? 0) - engineCpuBefore[i]).ToList();
            var idleCpu = idlePerSecond.Sum() * measured.Seconds;
            var starts = fleet.Cells.Sum(c => c.Pool.ContainersStarted) - startsBefore;
            var placed = fleet.Cells.Select((c, i) => c.Placements - placedBefore[i]).ToList();
            var perEngine = string.Join(", ", placed.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"e{i}: {p} ({engineCpu[i] / Math.Max(1, p):0.0})")));
            return string.Create(CultureInfo.InvariantCulture,
                $"| {engines.Count} | {repeat + 1} | {measured.Throughput:0.0} | {measured.P50Ms:0.0} | {self / measured.Submissions:0.0} | {engineCpu.Sum() / measured.Submissions:0.0} | {(engineCpu.Sum() - idleCpu) / measured.Submissions:0.0} | {idlePerSecond.Sum():0.0} | {starts} | {perEngine} | {measured.Failures} |");
        }
        finally
        {
            foreach (var service in Enumerable.Reverse(hosted))
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>What one placement decision costs, alone: three engines, no container behind them.</summary>
    private static double PlacementNs()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddCodeSandbox(o =>
        {
            o.Engines = [.. Enumerable.Range(0, 3).Select(i => new EngineOptions { Name = $"e{i}", Endpoint = $"unix:///tmp/none-{i}.sock", Capacity = 4 })];
            o.MaxConcurrentRuns = 4;
        });
        using var provider = services.BuildServiceProvider();
        var fleet = provider.GetRequiredService<EngineFleet>();
        provider.GetRequiredService<LanguageRegistry>().TryGet("python", out var python);
        for (var i = 0; i < 10_000; i++)
        {
            fleet.Place(python, "key", []);
        }

        const int decisions = 1_000_000;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < decisions; i++)
        {
            fleet.Place(python, "key", []);
        }

        return Stopwatch.GetElapsedTime(started).TotalNanoseconds / decisions;
    }
}
