using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Options;
using Verifier.Core.Code;
using Verifier.CSharpCompiler;
using Verifier.Sandbox.Harness;

using Verifier.Sandbox.Pool;

namespace Verifier.Sandbox.Languages.CSharp;

/// <summary>
/// C#, compiled by Roslyn in the verifier and run by the .NET runtime in the sandbox. <c>io</c>: top-level statements
/// or a <c>Main</c>, run per case. <c>function</c>: the submission is a library that the C# harness loads and calls.
/// <c>assert</c>: the test code is a program of its own (top-level statements or <c>Main</c>, with <c>Debug.Assert</c>
/// live) compiled against the submission, run by the harness, which echoes the supervisor's nonce only when it returns.
/// A compile error is found before any container is used.
/// </summary>
public sealed class CSharpLanguage : ISandboxLanguage, IDisposable
{
    private const string Harness = "harness";

    private static readonly FrozenDictionary<string, string> Env = new Dictionary<string, string>
    {
        ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
        ["LANG"] = "C.UTF-8",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        // No diagnostics IPC socket, debugger or perf map: nothing of the runtime's is left in /tmp.
        ["DOTNET_EnableDiagnostics"] = "0",
    }.ToFrozenDictionary();

    /// <summary>How long a compile slot's holder may wait for its worker, which may be restarting after a kill.</summary>
    private static readonly TimeSpan WorkerWait = TimeSpan.FromSeconds(30);

    private readonly CSharpCompilerOptions _options;
    private readonly FairSlots _slots;
    private readonly CompilerWorkerPool _workers;
    private readonly Lazy<byte[]> _harness;

    public CSharpLanguage(IOptions<SandboxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.CSharp;
        _slots = new FairSlots(
            _options.EffectiveMaxConcurrentCompilations,
            _options.EffectiveMaxConcurrentCompilationsPerTenant,
            TimeSpan.FromMilliseconds(2.0 * _options.CompileTimeMs),
            TimeProvider.System);
        _workers = new CompilerWorkerPool(_options.EffectiveMaxConcurrentCompilations);
        _harness = new Lazy<byte[]>(CompileHarness, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name => "csharp";

    public string Version { get; } = $"C# {LanguageVersionName()}, .NET {Environment.Version.Major}.{Environment.Version.Minor}";

    public string DefaultImage => "verifier-sandbox-dotnet:1";

    public IReadOnlyList<string> FenceTags { get; } = ["csharp", "cs", "c#"];

    public IReadOnlySet<CodeTestKind> TestKinds { get; } = new HashSet<CodeTestKind> { CodeTestKind.Io, CodeTestKind.Function, CodeTestKind.Assert }.ToFrozenSet();

    public int CompileMemoryMb => 0;

    /// <summary>The assemblies Roslyn emits here and the harness's, for every test kind.</summary>
    public IReadOnlySet<string> ReservedPaths { get; } = new HashSet<string>
    {
        "main.dll", "main.runtimeconfig.json", "Submission.dll", "Tests.dll", "harness.dll", "harness.runtimeconfig.json",
    }.ToFrozenSet();

    /// <summary>
    /// The runtime the programs run on: the verifier's own major.minor (the references come from it), any later patch.
    /// Invariant globalization keeps output culture-free and needs no ICU in the image.
    /// </summary>
    private static byte[] RuntimeConfig { get; } = Encoding.UTF8.GetBytes(
        "{\"runtimeOptions\":{" +
        $"\"tfm\":\"net{Environment.Version.Major}.{Environment.Version.Minor}\"," +
        $"\"framework\":{{\"name\":\"Microsoft.NETCore.App\",\"version\":\"{Environment.Version.Major}.{Environment.Version.Minor}.0\"}}," +
        "\"configProperties\":{\"System.Globalization.Invariant\":true,\"System.GC.Concurrent\":false,\"System.Runtime.TieredPGO\":false}}}");

    /// <summary>The compiler workers' process ids (tests check that a killed one is gone).</summary>
    internal IReadOnlyList<int> WorkerProcessIds => _workers.ProcessIds;

    /// <summary>The process ids of the workers compiling now.</summary>
    internal IReadOnlyList<int> BusyWorkerProcessIds => _workers.BusyProcessIds;

    /// <summary>Compiles the harness and warms the compiler workers, so the first submission meets a warm compiler.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        _workers.EnsureStarted();
        await Task.Run(() => _harness.Value, cancellationToken).ConfigureAwait(false);
        await _workers.WaitUntilWarmAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <remarks>
    /// Roslyn does not look at its cancellation token while it binds lambdas, so a compilation runs in a worker process
    /// that is killed at the deadline: a compiler bomb costs its tenant one slot for the budget, then nothing. Slots are
    /// shared fairly between tenants (<see cref="FairSlots"/>).
    /// </remarks>
    public async ValueTask<PrepareResult> PrepareAsync(PrepareContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = new CompileRequest(
            context.Tests switch { IoTests => CompileKind.Io, FunctionTests => CompileKind.Function, _ => CompileKind.Assert },
            context.Code,
            (context.Tests as AssertTests)?.Code ?? "",
            (context.Tests as AssertTests)?.EntryPoint ?? "",
            _options.MaxAssemblyKb)
        {
            ExtraSources = [.. context.ExtraFiles.Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal))
                .Select(f => new CSharpSource(f.Path, Encoding.UTF8.GetString(f.Content)))],
        };
        // A slot that does not come free in time, or a worker that does not start, is an infrastructure error (null reward).
        using var slot = await _slots.EnterAsync(FairSlots.TenantOf(context.IsolationKey), cancellationToken).ConfigureAwait(false);
        var worker = await _workers.RentAsync(WorkerWait, cancellationToken).ConfigureAwait(false);

        var started = Stopwatch.GetTimestamp();
        (WorkerOutcome Outcome, CompileReply? Reply) compiled;
        using (var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            budget.CancelAfter(_options.CompileTimeMs);
            compiled = await worker.CompileAsync(request, budget.Token).ConfigureAwait(false);
        }

        if (compiled.Outcome != WorkerOutcome.Replied)
        {
            _workers.Replace(worker);
            cancellationToken.ThrowIfCancellationRequested();
            return PrepareResult.Rejected(
                compiled.Outcome == WorkerOutcome.TimedOut
                    ? $"compilation exceeded its time limit ({_options.CompileTimeMs} ms)"
                    : "the compiler crashed on this source",
                Elapsed(started));
        }

        _workers.Return(worker);
        var reply = compiled.Reply!;
        if (reply.Assemblies is not { } assemblies)
        {
            return PrepareResult.Rejected(reply.Error!, Elapsed(started));
        }

        if (context.Tests is IoTests)
        {
            return Ready(started, new() { ["main.dll"] = assemblies["main.dll"], ["main.runtimeconfig.json"] = RuntimeConfig }, RunnerKind.Process, ["dotnet", "main.dll"]);
        }

        var files = new Dictionary<string, byte[]>(assemblies)
        {
            ["harness.dll"] = _harness.Value,
            ["harness.runtimeconfig.json"] = RuntimeConfig,
        };
        return context.Tests is FunctionTests
            ? Ready(started, files, RunnerKind.Rpc, ["dotnet", "harness.dll", "serve"])
            : Ready(started, files, RunnerKind.Process, ["dotnet", "harness.dll", "check"]);
    }

    public void Dispose() => _workers.Dispose();

    private byte[] CompileHarness()
    {
        // Our own source, compiled once in this process: it alone may use interop (it makes the process non-dumpable).
        var harness = RoslynCompiler.Compile(
            Harness,
            OutputKind.ConsoleApplication,
            HarnessScripts.CSharpHarness.Select(f => new CSharpSource(f.Name, f.Source)),
            null,
            CompileRole.Harness,
            _options.MaxAssemblyKb,
            CancellationToken.None);
        return harness.Image ?? throw new InvalidOperationException($"the C# harness does not compile:\n{harness.Errors}");
    }

    private static PrepareResult Ready(long started, Dictionary<string, byte[]> files, RunnerKind runner, string[] argv) =>
        PrepareResult.Ready(new SandboxProgram(files, null, new ProgramRunner(runner, argv), Env), Elapsed(started));

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);

    private static string LanguageVersionName() =>
        Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.ToDisplayString(
            Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.MapSpecifiedToEffectiveVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest))
        .ToString(CultureInfo.InvariantCulture);
}
