using System.Diagnostics;
using System.Globalization;
using Verifier.Contracts;
using Verifier.Sdk;
using Verifier.Service.Benchmarks;
using Verifier.Service.Benchmarks.MultiplE;

// Load benchmark of the verifier service on loopback (see README.md beside this file).
// Usage: dotnet run -c Release --project tests/Verifier.Service.Benchmarks -- [--quick] [--no-code] [--data DIR]
//        ... -- --multipl-e [--languages js,go] [--limit N] [--data DIR] [--out FILE] [--dump DIR] (see MultiplE/MultiplERun.cs)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Contains("--multipl-e"))
{
    await MultiplERun.RunAsync(args); // MultiPL-E pass rates per language (README.md, "MultiPL-E")
    return;
}

var quick = args.Contains("--quick");
var withCode = !args.Contains("--no-code");
var dataIndex = Array.IndexOf(args, "--data");
var dataDir = dataIndex >= 0 ? args[dataIndex + 1] : Workloads.FindSharedData();
var seconds = TimeSpan.FromSeconds(quick ? 4 : 10);
const string Key = "bench-key";

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { Timeout = TimeSpan.FromMinutes(5) };

Console.WriteLine($"machine: {Environment.ProcessorCount} cores; data: {dataDir ?? "(generated)"}");
var mathItems = Workloads.MathItems(4096, dataDir);
var mathBodies = Workloads.Bodies(mathItems, 256);

await using (var service = await ServiceProcess.StartAsync(Key, new Dictionary<string, string>()))
{
    var load = new LoadGenerator(http, service.Address, Key);
    await load.ClosedLoopAsync(mathBodies, 256, 2, TimeSpan.FromSeconds(3)); // warm-up: JIT, tiering, gold cache

    Console.WriteLine("\n== math, batches of 256 items (closed loop)");
    // Server CPU per item shows the service's own efficiency: on 2 shared cores the load generator's CPU
    // (sending, parsing every response) comes out of the same budget.
    Console.WriteLine("concurrency  items/s   p50 ms   p99 ms  server items/CPU-s  client CPU %  statuses");
    double best = 0;
    foreach (var concurrency in new[] { 1, 2, 4, 8 })
    {
        var serverBefore = service.CpuTime();
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var report = await load.ClosedLoopAsync(mathBodies, 256, concurrency, seconds);
        var serverCpu = (service.CpuTime() - serverBefore).TotalSeconds;
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds;
        best = Math.Max(best, report.ItemsPerSecond);
        Console.WriteLine($"{concurrency,11} {report.ItemsPerSecond,8:F0} {report.Percentile(50),8:F1} {report.Percentile(99),8:F1} {report.ItemsAnswered / serverCpu,19:F0} {clientCpu / report.Elapsed.TotalSeconds * 100,12:F0}  {report.StatusSummary()}");
    }

    // The raw baseline is what a hand-written client does: serialise each batch of 256, post 4 at a time,
    // parse the results. The SDK adds batching, resilience, replicas and ordering on top.
    Console.WriteLine("\n== SDK overhead: 4096 math items, VerifyManyAsync vs the same 16 batches serialised and posted raw (median of 7, interleaved)");
    var options = new VerifierClientOptions { ApiKey = Key, MaxBatchSize = 256, MaxConcurrentRequests = 4 };
    options.Endpoints.Add(service.Address);
    await using var client = new VerifierClient(http, options);
    var sdkTimes = new List<double>();
    var rawTimes = new List<double>();
    var sdkCpu = new List<double>();
    var rawCpu = new List<double>();
    var self = Process.GetCurrentProcess();
    for (var run = 0; run < 8; run++)
    {
        var cpu = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var results = await client.VerifyManyAsync(mathItems);
        var sdk = clock.Elapsed.TotalMilliseconds;
        self.Refresh();
        var sdkCpuMs = (self.TotalProcessorTime - cpu).TotalMilliseconds;
        cpu = self.TotalProcessorTime;
        clock.Restart();
        var raw = await load.ClosedLoopBatchesOnceAsync(mathItems, 256, 4);
        var rawMs = clock.Elapsed.TotalMilliseconds;
        self.Refresh();
        var rawCpuMs = (self.TotalProcessorTime - cpu).TotalMilliseconds;
        if (results.Count != mathItems.Count || raw != mathItems.Count)
        {
            throw new InvalidOperationException("lost items");
        }

        if (run > 0)
        {
            sdkTimes.Add(sdk);
            rawTimes.Add(rawMs);
            sdkCpu.Add(sdkCpuMs);
            rawCpu.Add(rawCpuMs);
        }
    }

    var sdkMedian = Median(sdkTimes);
    var rawMedian = Median(rawTimes);
    Console.WriteLine($"raw: {rawMedian:F1} ms ({4096 / rawMedian * 1000:F0} items/s); SDK: {sdkMedian:F1} ms; SDK overhead: {(sdkMedian / rawMedian - 1) * 100:F1}%");
    Console.WriteLine($"client CPU per run: raw {Median(rawCpu):F1} ms, SDK {Median(sdkCpu):F1} ms");

    if (withCode)
    {
        // One request is one isolation key: its items share a few fast-mode containers, run back to back.
        Console.WriteLine("\n== code, python io, batches of 32 items (closed loop)");
        Console.WriteLine("concurrency  items/s   p50 ms   p99 ms  statuses");
        var codeBodies = Workloads.Bodies(Workloads.CodeItems(128), 32);
        foreach (var concurrency in new[] { 1, 2, 4 })
        {
            var report = await load.ClosedLoopAsync(codeBodies, 32, concurrency, seconds);
            Console.WriteLine($"{concurrency,11} {report.ItemsPerSecond,8:F0} {report.Percentile(50),8:F1} {report.Percentile(99),8:F1}  {report.StatusSummary()}  null rewards: {report.NullRewards}");
        }
    }

    Console.WriteLine($"\nbest math throughput: {best:F0} items/s (target 20,000 on 2 cores)");
    await RunOverloadAsync(http, Key, mathBodies, best, seconds * 2);
}

static async Task RunOverloadAsync(HttpClient http, string key, List<byte[]> bodies, double capacity, TimeSpan duration)
{
    // Small queues, so the service must shed the surplus rather than absorb it.
    var settings = new Dictionary<string, string> { ["Admission:GlobalMaxItems"] = "2048", ["Admission:TenantMaxItems"] = "2048" };
    await using var service = await ServiceProcess.StartAsync(key, settings);
    var load = new LoadGenerator(http, service.Address, key);
    await load.ClosedLoopAsync(bodies, 256, 2, TimeSpan.FromSeconds(3));
    var rate = 3 * capacity / 256;
    Console.WriteLine($"\n== 3x overload: {rate:F0} requests/s of 256 items (open loop) for {duration.TotalSeconds:F0} s");
    var memory = new List<double>();
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            memory.Add(service.ResidentMiB());
            await Task.Delay(500);
        }
    });
    var report = await load.OpenLoopAsync(bodies, 256, rate, duration, maxOutstanding: 512);
    await sampling.CancelAsync();
    await sampler;
    var steady = memory.Skip(memory.Count / 3).ToList();
    var sent = report.Statuses.Values.Sum();
    Console.WriteLine($"offered {(sent + report.Dropped) / report.Elapsed.TotalSeconds:F0} requests/s; sent {sent / report.Elapsed.TotalSeconds:F0}/s " +
                      $"(the rest were held back by the generator's cap of 512 outstanding, i.e. the service was slower than the offered rate)");
    Console.WriteLine($"statuses: {report.StatusSummary()}; 5xx or failed: {report.ServerErrors}; answered items/s: {report.ItemsPerSecond:F0}; " +
                      $"items missing from 200 responses: {report.ItemsMissing}");
    Console.WriteLine($"service RSS MiB: first third max {memory.Take(memory.Count / 3).DefaultIfEmpty().Max():F0}, " +
                      $"rest min {steady.DefaultIfEmpty().Min():F0} / median {Median(steady):F0} / max {steady.DefaultIfEmpty().Max():F0}");
    Console.WriteLine(report.ServerErrors == 0 && report.ItemsMissing == 0 ? "overload: PASS (no 5xx, every accepted item answered)" : "overload: FAIL");
}

static double Median(List<double> values)
{
    if (values.Count == 0)
    {
        return double.NaN;
    }

    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
