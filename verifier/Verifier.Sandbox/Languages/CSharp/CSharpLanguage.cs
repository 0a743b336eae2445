using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Options;
using Verifier.Core.Code;
using Verifier.Sandbox.Harness;

namespace Verifier.Sandbox.Languages.CSharp;

/// <summary>
/// C#, compiled by Roslyn in the verifier and run by the .NET runtime in the sandbox. <c>io</c>: top-level statements
/// or a <c>Main</c>, run per case. <c>function</c>: the submission is a library that the C# harness loads and calls.
/// <c>assert</c>: the test code is a program of its own (top-level statements or <c>Main</c>, with <c>Debug.Assert</c>
/// live) compiled against the submission, run by the harness, which echoes the supervisor's nonce only when it returns.
/// A compile error is found before any container is used.
/// </summary>
public sealed class CSharpLanguage : ISandboxLanguage
{
    private const string SubmissionName = "Submission";
    private const string TestsName = "Tests";
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

    private readonly CSharpCompilerOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly Lazy<byte[]> _harness;

    public CSharpLanguage(IOptions<SandboxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.CSharp;
        _slots = new SemaphoreSlim(_options.EffectiveMaxConcurrentCompilations);
        _harness = new Lazy<byte[]>(CompileHarness, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name => "csharp";

    public string Version { get; } = $"C# {LanguageVersionName()}, .NET {Environment.Version.Major}.{Environment.Version.Minor}";

    public string DefaultImage => "verifier-sandbox-dotnet:1";

    public IReadOnlyList<string> FenceTags { get; } = ["csharp", "cs", "c#"];

    public IReadOnlySet<CodeTestKind> TestKinds { get; } = new HashSet<CodeTestKind> { CodeTestKind.Io, CodeTestKind.Function, CodeTestKind.Assert }.ToFrozenSet();

    public int CompileMemoryMb => 0;

    /// <summary>
    /// The runtime the programs run on: the verifier's own major.minor (the references come from it), any later patch.
    /// Invariant globalization keeps output culture-free and needs no ICU in the image.
    /// </summary>
    private static byte[] RuntimeConfig { get; } = Encoding.UTF8.GetBytes(
        "{\"runtimeOptions\":{" +
        $"\"tfm\":\"net{Environment.Version.Major}.{Environment.Version.Minor}\"," +
        $"\"framework\":{{\"name\":\"Microsoft.NETCore.App\",\"version\":\"{Environment.Version.Major}.{Environment.Version.Minor}.0\"}}," +
        "\"configProperties\":{\"System.Globalization.Invariant\":true,\"System.GC.Concurrent\":false,\"System.Runtime.TieredPGO\":false}}}");

    /// <summary>Compiles the harness, so the first submission meets a warm compiler.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) => Task.Run(() => _harness.Value, cancellationToken);

    /// <remarks>
    /// The budget is kept even when Roslyn does not look at its cancellation token for a while: the compilation runs
    /// on a thread of its own, and the submission stops waiting for it when the budget's token fires. The compilation
    /// then still holds its slot until it notices the cancellation, so runaway compilations never occupy more than the
    /// slots' CPUs.
    /// </remarks>
    public async ValueTask<PrepareResult> PrepareAsync(PrepareContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Slots held by runaway compilations free up only when those notice their cancellation: waiting is bounded,
        // and a submission that finds no compiler gets an infrastructure error (null reward), never a 0.
        var slotWait = TimeSpan.FromMilliseconds(2.0 * _options.CompileTimeMs);
        if (!await _slots.WaitAsync(slotWait, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"no C# compiler slot came free within {slotWait.TotalMilliseconds:0} ms");
        }

        var started = Stopwatch.GetTimestamp();
        var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_options.CompileTimeMs);
        // Taken now: the source is disposed as soon as the compilation ends, which may be before it is awaited.
        var deadline = budget.Token;
        var compilation = Task.Factory.StartNew(
            () => Prepare(context, deadline, started), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _ = compilation.ContinueWith(
            _ =>
            {
                budget.Dispose();
                _slots.Release();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        try
        {
            return await compilation.WaitAsync(deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PrepareResult.Rejected($"compilation exceeded its time limit ({_options.CompileTimeMs} ms)", Elapsed(started));
        }
    }

    private PrepareResult Prepare(PrepareContext context, CancellationToken cancellationToken, long started)
    {
        if (context.Tests is IoTests)
        {
            var program = Compile("main", OutputKind.ConsoleApplication, [new CSharpSource("main.cs", context.Code)], CSharpReferences.Submission, false, cancellationToken);
            return program.Succeeded
                ? Ready(started, new() { ["main.dll"] = program.Image!, ["main.runtimeconfig.json"] = RuntimeConfig }, RunnerKind.Process, ["dotnet", "main.dll"])
                : PrepareResult.Rejected(program.Errors!, Elapsed(started));
        }

        var submission = Compile(SubmissionName, OutputKind.DynamicallyLinkedLibrary, [new CSharpSource("Submission.cs", context.Code)], CSharpReferences.Submission, false, cancellationToken);
        if (!submission.Succeeded)
        {
            return PrepareResult.Rejected(submission.Errors!, Elapsed(started));
        }

        var files = new Dictionary<string, byte[]>
        {
            ["Submission.dll"] = submission.Image!,
            ["harness.dll"] = _harness.Value,
            ["harness.runtimeconfig.json"] = RuntimeConfig,
        };
        if (context.Tests is FunctionTests)
        {
            return Ready(started, files, RunnerKind.Rpc, ["dotnet", "harness.dll", "serve"]);
        }

        var assert = (AssertTests)context.Tests;
        var sources = new List<CSharpSource> { new("Tests.cs", assert.Code) };
        if (EntryPointOwner(submission.Compilation!, assert.EntryPoint) is { } owner)
        {
            // The tests may call the entry point by its bare name, as Python's check(candidate) needs no class.
            sources.Add(new CSharpSource("EntryPoint.g.cs", $"global using static {owner};\n"));
        }

        var references = CSharpReferences.Submission.Add(MetadataReference.CreateFromImage(submission.Image!));
        var tests = Compile(TestsName, OutputKind.ConsoleApplication, sources, references, true, cancellationToken);
        if (!tests.Succeeded)
        {
            return PrepareResult.Rejected($"the tests do not compile against the submission:\n{tests.Errors}", Elapsed(started));
        }

        files["Tests.dll"] = tests.Image!;
        return Ready(started, files, RunnerKind.Process, ["dotnet", "harness.dll", "check"]);
    }

    private CSharpAssembly Compile(
        string name, OutputKind kind, IEnumerable<CSharpSource> sources, ImmutableArray<MetadataReference> references, bool tests, CancellationToken cancellationToken) =>
        CSharpCompiler.Compile(name, kind, sources, references, tests, _options.MaxAssemblyKb, cancellationToken);

    /// <summary>The fully qualified public type that declares the entry point, when exactly one does.</summary>
    private static string? EntryPointOwner(Compilation submission, string entryPoint)
    {
        var dot = entryPoint.IndexOf('.', StringComparison.Ordinal);
        var owners = dot >= 0
            ? submission.GetSymbolsWithName(entryPoint[..dot], SymbolFilter.Type).OfType<INamedTypeSymbol>()
            : submission.GetSymbolsWithName(entryPoint, SymbolFilter.Member).OfType<IMethodSymbol>()
                .Where(m => m.IsStatic && m.DeclaredAccessibility == Accessibility.Public).Select(m => m.ContainingType);
        var found = owners.Where(t => t.DeclaredAccessibility == Accessibility.Public && !t.IsGenericType)
            .Distinct(SymbolEqualityComparer.Default).Cast<INamedTypeSymbol>().ToList();
        return found.Count == 1 ? found[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null;
    }

    private byte[] CompileHarness()
    {
        var harness = Compile(
            Harness,
            OutputKind.ConsoleApplication,
            HarnessScripts.CSharpHarness.Select(f => new CSharpSource(f.Name, f.Source)),
            CSharpReferences.Harness,
            false,
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
