using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Verifier.Core.Code;
using Verifier.Sandbox;
using Verifier.Sandbox.Benchmarks;

// Sandbox throughput and latency: trivial Python and C++ programs with 1 and 10 tests, at 1, 8 and 64 submissions in
// flight, in fast mode (socket channel, and attach channel for comparison) and strict mode on runc, and strict mode
// on crun (strict-crun, where the engine has crun), and both modes on crun without an engine (fast-oci, strict-oci:
// the oci:// engine), beside the same programs run as bare host processes in the same run. The engine is the one
// DOCKER_HOST names (default: local).
//   dotnet run -c Release --project tests/Verifier.Sandbox.Benchmarks -- --humaneval
// runs the 164 HumanEval problems at once (one request's worth) in fast mode, beside bare python3 (see HumanEvalLoad).
//   dotnet run -c Release --project tests/Verifier.Sandbox.Benchmarks [-- --quick] [--out results.md] [--only python:1:*:fast] [--breakdown]
// Each scenario stops after its submission target or its time budget, so the whole run is bounded (about 6 min; --quick about 2).
//   dotnet run -c Release --project tests/Verifier.Sandbox.Benchmarks -- --languages [java,go,...] [--quick] [--out languages.md]
// runs issue 14's languages (io, 1 and 10 tests) in fast mode beside the same programs chrooted into their images (root).
//   dotnet run -c Release --project tests/Verifier.Sandbox.Benchmarks -- --csharp [--out csharp.md]
// measures C# compile-and-run latency, cold and warm, beside Python (see CSharpLatency).
// An option's value (the argument after its name), a count, and a report printed and, with --out FILE, saved.
string? Value(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

int Count(string name, int fallback) => Value(name) is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : fallback;

async Task<int> PrintAndSaveAsync(string report)
{
    Console.WriteLine(report);
    if (Value("--out") is { } path)
    {
        await File.WriteAllTextAsync(path, report);
    }

    return 0;
}

// --capacity [--language python] [--check-rollouts N] [--check-tests T]: the capacity model (see CapacityModel).
if (args.Contains("--capacity"))
{
    return await PrintAndSaveAsync(await CapacityModel.RunAsync(Value("--language") ?? "python", Count("--check-rollouts", 128), Count("--check-tests", 10)));
}

// --fleet: 1, 2 and 3 engines on this machine (see FleetLoad); --fleet-submissions N, --fleet-repeats N; with --runsc,
// runc against gVisor on one engine instead.
if (args.Contains("--fleet"))
{
    var (submissions, repeats) = (Count("--fleet-submissions", 150), Count("--fleet-repeats", 2));
    return await PrintAndSaveAsync(args.Contains("--runsc") ? await FleetLoad.RuntimesAsync(submissions, repeats) : await FleetLoad.RunAsync(submissions, repeats));
}

if (args.Contains("--csharp-cold"))
{
    return await CSharpLatency.ColdCompileAsync();
}

if (args.Contains("--csharp"))
{
    return await PrintAndSaveAsync(await CSharpLatency.RunAsync());
}

if (args.Contains("--languages"))
{
    // --languages [java,go,...]: issue 14's languages in fast mode beside the same programs run bare (see LanguageLoad).
    var listIndex = Array.IndexOf(args, "--languages") + 1;
    var chosen = listIndex < args.Length && !args[listIndex].StartsWith("--", StringComparison.Ordinal)
        ? args[listIndex].Split(',')
        : [.. LanguageLoad.Sum.Keys];
    return await PrintAndSaveAsync(await LanguageLoad.RunAsync(chosen, TimeSpan.FromSeconds(args.Contains("--quick") ? 3 : 6), concurrency: 2));
}

if (args.Contains("--humaneval"))
{
    // BENCH_HUMANEVAL_NUMPY=1: every check imports numpy first, as HumanEval+'s do (bare then needs python3-numpy).
    var problems = HumanEvalLoad.Load(importNumpy: Environment.GetEnvironmentVariable("BENCH_HUMANEVAL_NUMPY") == "1");
    if (problems is null)
    {
        Console.WriteLine("HumanEval.jsonl.gz not found in ../shared/data/code (or $VERIFIER_SHARED_DIR/data/code): nothing to run");
        return 1;
    }

    var humanEval = new List<Measurement>();
    var modes = Environment.GetEnvironmentVariable("BENCH_HUMANEVAL_MODES")?.Split(',') ?? ["bare", "fast", "fast-attach"];
    foreach (var mode in modes)
    {
        await using var session = mode == "bare" ? null : await SandboxSession.StartAsync(SandboxMode.Fast, "auto", attach: mode == "fast-attach");
        await HumanEvalLoad.RunAsync(problems, mode, session?.Sandbox); // warm-up: JIT, page cache, bound containers
        await CpuMeter.WaitUntilQuietAsync(TimeSpan.FromSeconds(20));
        var parts0 = CpuMeter.Parts();
        var m = await HumanEvalLoad.RunAsync(problems, mode, session?.Sandbox);
        var parts1 = CpuMeter.Parts();
        humanEval.Add(m);
        if (args.Contains("--breakdown"))
        {
            Console.WriteLine(CpuMeter.Breakdown(parts0, parts1, m.Submissions, "item"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"humaneval {mode,-11} n={m.Submissions} fail={m.Failures} {m.Throughput,6:0.0} items/s cpu={m.CpuMsPerSubmission,6:0.0} ms/item"));
    }

    Console.WriteLine(Report(humanEval));
    return 0;
}

var quick = args.Contains("--quick");
// --only python:1:8:fast (language:tests:in-flight:mode, any part may be * or a list: bare,fast) runs the matching scenarios only.
var only = Value("--only")?.Split(':');
bool Wanted(string language, int tests, int concurrency, string mode) =>
    only is null || (Match(only[0], language) && Match(only[1], $"{tests}") && Match(only[2], $"{concurrency}") && Match(only[3], mode));
static bool Match(string pattern, string value) => pattern == "*" || pattern.Split(',').Contains(value);
var outPath = Value("--out");
var budget = TimeSpan.FromSeconds(quick ? 3 : 8);
string[] languages = ["python", "cpp"];
int[] testCounts = [1, 10];
int[] concurrencies = [1, 8, 64];
var results = new List<Measurement>();
var failuresShown = 0;
var bare = new BareProcessRunner();

var engineRuntimes = await EngineBaseline.RuntimesAsync();
Console.WriteLine($"{Environment.ProcessorCount} CPUs; budget {budget.TotalSeconds:0} s per scenario; engine {EngineBaseline.Endpoint} runtimes: {string.Join(", ", engineRuntimes)}");
foreach (var mode in new[] { "bare", "fast", "fast-attach", "strict", "strict-crun", "fast-oci", "strict-oci", "strict-oci-runc" })
{
    if (!languages.Any(l => testCounts.Any(t => concurrencies.Any(c => Wanted(l, t, c, mode)))))
    {
        continue;
    }

    // fast and strict keep runc, as in the results before crun, so that strict-crun stands beside them.
    // The oci modes drive crun (runc for strict-oci-runc) without an engine (BENCH_OCI_ENDPOINT, default
    // oci:///var/lib/verifier-oci, filled by docker/export-oci-images.sh).
    var oci = mode.Contains("-oci", StringComparison.Ordinal);
    var runtime = mode.EndsWith("-crun", StringComparison.Ordinal) || mode.EndsWith("-oci", StringComparison.Ordinal) ? "crun" : "runc";
    if (mode != "bare" && !oci && !engineRuntimes.Contains(runtime))
    {
        Console.WriteLine($"{mode}: skipped, the engine has no {runtime} runtime registered (dockerd --add-runtime {runtime}=/usr/bin/{runtime})");
        continue;
    }

    await using var sandbox = mode == "bare" ? null : await SandboxSession.StartAsync(
        mode.StartsWith("strict", StringComparison.Ordinal) ? SandboxMode.Strict : SandboxMode.Fast, runtime, attach: mode == "fast-attach",
        endpoint: oci ? Environment.GetEnvironmentVariable("BENCH_OCI_ENDPOINT") ?? "oci:///var/lib/verifier-oci" : null);
    foreach (var language in languages)
    {
        foreach (var tests in testCounts)
        {
            if (!concurrencies.Any(c => Wanted(language, tests, c, mode)))
            {
                continue;
            }

            var cases = Programs.Cases(tests);
            var request = new CodeRequest
            {
                Language = language,
                Code = Programs.For(language),
                Tests = new IoTests([.. cases.Select(c => new IoCase(c.Stdin, c.Stdout))]),
                IsolationKey = "bench",
            };
            Func<CancellationToken, Task<bool>> submit = sandbox is null
                ? ct => bare.RunAsync(language, cases, ct)
                : async ct =>
                {
                    var verdict = await sandbox.Sandbox.VerifyAsync(request, ct);
                    if (verdict.Verdict != CodeVerdictKind.Accepted && Interlocked.Increment(ref failuresShown) <= 10)
                    {
                        Console.WriteLine($"   not accepted ({mode} {language} x{tests}): {verdict.Verdict.ToWireName()} {verdict.Reason}");
                    }

                    return verdict.Verdict == CodeVerdictKind.Accepted;
                };

            // Warm-up: the first submissions pay for JIT (and its tiering), page cache and (fast mode) binding a container.
            await Measurement.RunAsync(language, tests, 4, mode, language == "python" ? 40 : 12, budget, submit);
            foreach (var concurrency in concurrencies.Where(c => Wanted(language, tests, c, mode)))
            {
                var parts0 = CpuMeter.Parts();
                var target = Environment.GetEnvironmentVariable("BENCH_TARGET") is { } forced ? int.Parse(forced, CultureInfo.InvariantCulture) : Math.Max(concurrency * 3, language == "python" ? 60 : 24);
                var m = await Measurement.RunAsync(language, tests, concurrency, mode, target, budget, submit);
                results.Add(m);
                var parts1 = CpuMeter.Parts();
                if (args.Contains("--breakdown"))
                {
                    Console.WriteLine(CpuMeter.Breakdown(parts0, parts1, m.Submissions, "submission"));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Mode,-6} {m.Language,-6} tests={m.Tests,-2} c={m.Concurrency,-2} n={m.Submissions,-4} fail={m.Failures} {m.Throughput,7:0.0}/s p50={m.P50Ms,7:0.0} ms p99={m.P99Ms,7:0.0} ms cpu={m.CpuMsPerSubmission,6:0.0} ms/sub"));
            }
        }
    }
}

// The engine's own limit for a container per program, per runtime, which strict mode on that runtime cannot beat.
foreach (var (mode, runtime) in new[] { ("engine", "runc"), ("engine-crun", "crun") })
{
    if (!(Wanted("engine", 1, 1, mode) || Wanted("engine", 1, 8, mode)))
    {
        continue;
    }

    if (!engineRuntimes.Contains(runtime))
    {
        Console.WriteLine($"{mode}: skipped, the engine has no {runtime} runtime registered");
        continue;
    }

    using var engine = new EngineBaseline(runtime);
    await Measurement.RunAsync("engine", 1, 2, mode, 4, budget, engine.RunOnceAsync);
    foreach (var concurrency in new[] { 1, 8 }.Where(c => Wanted("engine", 1, c, mode)))
    {
        var m = await Measurement.RunAsync("engine", 1, concurrency, mode, 24, budget, engine.RunOnceAsync);
        results.Add(m);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode} docker-run-equivalent c={m.Concurrency,-2} n={m.Submissions,-4} {m.Throughput,7:0.0}/s p50={m.P50Ms,7:0.0} ms cpu={m.CpuMsPerSubmission,6:0.0} ms/run"));
    }
}

var report = Report(results);
Console.WriteLine();
Console.WriteLine(report);
if (outPath is not null)
{
    await File.WriteAllTextAsync(outPath, report);
}

return 0;

static string Report(List<Measurement> results)
{
    var text = new StringBuilder();
    text.AppendLine("| language | tests | in flight | mode | submissions/s | vs bare | p50 ms | p99 ms | CPU ms/submission | n | failed |");
    text.AppendLine("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var m in results.OrderBy(r => r.Language).ThenBy(r => r.Tests).ThenBy(r => r.Concurrency).ThenBy(r => r.Mode))
    {
        var baseline = results.FirstOrDefault(r => r.Mode == "bare" && r.Language == m.Language && r.Tests == m.Tests && r.Concurrency == m.Concurrency);
        var ratio = baseline is null ? "-" : (m.Throughput / baseline.Throughput).ToString("P0", CultureInfo.InvariantCulture);
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {m.Language} | {m.Tests} | {m.Concurrency} | {m.Mode} | {m.Throughput:0.0} | {ratio} | {m.P50Ms:0.0} | {m.P99Ms:0.0} | {m.CpuMsPerSubmission:0.0} | {m.Submissions} | {m.Failures} |"));
    }

    return text.ToString();
}

/// <summary>A sandbox wired as the service wires it, with its own instance name.</summary>
internal sealed class SandboxSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private SandboxSession(ServiceProvider services)
    {
        _services = services;
        _hosted = [.. services.GetServices<IHostedService>()];
        Sandbox = services.GetRequiredService<ICodeSandbox>();
    }

    public ICodeSandbox Sandbox { get; }

    public IServiceProvider Services => _services;

    /// <summary>A knob of the benchmark's own (BENCH_*), or null to leave the sandbox's default.</summary>
    private static int? EnvironmentCount(string name) =>
        Environment.GetEnvironmentVariable(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    /// <param name="attach">The supervisor channel through the engine's attach stream (the remote-engine path) instead of the socket.</param>
    /// <param name="endpoint">The engine, where not <see cref="EngineBaseline.Endpoint"/> (an oci:// folder).</param>
    public static async Task<SandboxSession> StartAsync(SandboxMode mode, string runtime = "runc", bool attach = false, string? endpoint = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddCodeSandbox(o =>
        {
            o.DockerEndpoint = endpoint ?? EngineBaseline.Endpoint;
            o.Runtime = runtime;
            o.InstanceName = "sandbox-bench-" + Guid.NewGuid().ToString("N")[..8];
            o.Mode = mode;
            o.WarmContainers = mode == SandboxMode.Strict ? 8 : 2;
            o.Channel = attach ? SupervisorTransportKind.Attach : SupervisorTransportKind.Auto;
            o.MaxConcurrentRuns = EnvironmentCount("BENCH_RUNS") ?? o.MaxConcurrentRuns;
            o.FastContainersPerKey = EnvironmentCount("BENCH_CONTAINERS_PER_KEY") ?? o.FastContainersPerKey;
            o.FastReuseLimit = EnvironmentCount("BENCH_REUSE_LIMIT") ?? o.FastReuseLimit;
        });
        var session = new SandboxSession(services.BuildServiceProvider());
        foreach (var hosted in session._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        await Task.Delay(TimeSpan.FromSeconds(mode == SandboxMode.Strict ? 6 : 2)); // let the warm pool fill
        // A new sandbox warms up in the background for seconds (the C# harness's compiler among others); measured
        // from too early, the first scenario of the first session paid ~70 ms of this process's CPU per submission.
        await CpuMeter.WaitUntilQuietAsync(TimeSpan.FromSeconds(90));
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted.Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
