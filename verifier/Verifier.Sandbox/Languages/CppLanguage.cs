using System.Collections.Frozen;
using System.Text;
using Verifier.Core.Code;
using Verifier.Core.Code.Files;
using Verifier.Sandbox.Harness;

namespace Verifier.Sandbox.Languages;

/// <summary>
/// C++17 with g++ -O2, compiled once per submission inside the sandbox. <c>io</c>: the program runs per case.
/// <c>function</c>: the candidate is a library compiled with a function server that answers each call with the JSON of
/// the return value, compared outside the sandbox (see <see cref="CppFunctionServer"/>).
/// <c>assert</c>: the test code is its own translation unit that declares what it calls and defines <c>main</c>; it is
/// linked with the candidate (which may export only what the tests call) and a harness that proves <c>main</c> returned 0.
/// The tests stay unreadable while the candidate compiles, and the candidate may hold no inline assembly.
/// </summary>
public sealed class CppLanguage : ISandboxLanguage
{
    private static readonly FrozenDictionary<string, string> Env = new Dictionary<string, string>
    {
        ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
        ["LANG"] = "C.UTF-8",
    }.ToFrozenDictionary();

    /// <summary>cpp_assert_build.sh's exit code when it cannot list the libraries' symbols (EX_SOFTWARE).</summary>
    internal const int AssertBuildToolchainFailed = 70;

    public string Name => "cpp";

    public string Version => "g++ 12, -std=gnu++17 -O2";

    public string DefaultImage => "verifier-sandbox-cpp:1";

    public IReadOnlyList<string> FenceTags { get; } = ["cpp", "c++", "cxx", "cc"];

    public IReadOnlySet<CodeTestKind> TestKinds { get; } = new HashSet<CodeTestKind> { CodeTestKind.Io, CodeTestKind.Function, CodeTestKind.Assert }.ToFrozenSet();

    /// <summary>cc1plus at -O2 on a large translation unit; the precompiled bits/stdc++.h alone maps about 140 MB.</summary>
    public int CompileMemoryMb => 768;

    /// <summary>Every file any test kind writes or builds, the assert build's intermediates included.</summary>
    public IReadOnlySet<string> ReservedPaths { get; } = new HashSet<string>
    {
        "main.cpp", "main", "server", CppFunctionServer.Source, CppFunctionServer.Candidate,
        "cpp_function_server.hpp", "cpp_function_codecs.hpp", "cpp_function_json.hpp",
        "candidate.cpp", "test.cpp", "harness.c", "build.sh", "cpp_source_check.c", "source_check",
        "candidate.ii", "candidate.s", "candidate.o", "harness.o", "test.o", "local.o",
        "candidate_weak.txt", "tests_weak.txt", "exported.txt", "library.txt", "system.txt", "undefined.txt", "wanted.txt",
    }.ToFrozenSet();

    public ValueTask<PrepareResult> PrepareAsync(PrepareContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var program = context.Tests switch
        {
            IoTests => new SandboxProgram(
                new Dictionary<string, byte[]> { ["main.cpp"] = Encoding.UTF8.GetBytes(context.Code) },
                new CommandCompileStep(["g++", .. Flags(context.CompileOptions), "-o", "main", "main.cpp", .. ExtraSources(context)]),
                new ProgramRunner(RunnerKind.Process, ["./main"]),
                Env),
            FunctionTests tests => new SandboxProgram(
                new Dictionary<string, byte[]>(HarnessScripts.CppFunctionServer.Select(h => KeyValuePair.Create(h.Name, Encoding.UTF8.GetBytes(h.Source))))
                {
                    [CppFunctionServer.Candidate] = Encoding.UTF8.GetBytes(context.Code),
                    [CppFunctionServer.Source] = Encoding.UTF8.GetBytes(CppFunctionServer.TranslationUnit(tests.EntryPoint)),
                },
                new CommandCompileStep(["g++", .. Flags(context.CompileOptions), "-o", "server", CppFunctionServer.Source, .. ExtraSources(context)]),
                new ProgramRunner(RunnerKind.Rpc, ["./server"]),
                Env),
            AssertTests tests => new SandboxProgram(
                new Dictionary<string, byte[]>
                {
                    ["candidate.cpp"] = Encoding.UTF8.GetBytes(context.Code),
                    ["test.cpp"] = Encoding.UTF8.GetBytes(tests.Code),
                    ["harness.c"] = Encoding.UTF8.GetBytes(HarnessScripts.CppAssertHarness),
                    ["build.sh"] = Encoding.UTF8.GetBytes(HarnessScripts.CppAssertBuild),
                    ["cpp_source_check.c"] = Encoding.UTF8.GetBytes(HarnessScripts.CppSourceCheck),
                },
                new CommandCompileStep(["sh", "build.sh"], AssertBuildToolchainFailed),
                new ProgramRunner(RunnerKind.Process, ["./main"]),
                Env),
            _ => throw new ArgumentOutOfRangeException(nameof(context), context.Tests.Kind, "unsupported test kind"),
        };
        return ValueTask.FromResult(PrepareResult.Ready(program));
    }

    /// <summary>
    /// The request's standard and level (checked against <see cref="CompileOptionRules"/>, so each is a known value
    /// and never a flag of the caller's), ONLINE_JUDGE as judges define it, then the caller's defines, each one argv
    /// entry (no shell), so a value can never become a second flag.
    /// </summary>
    private static string[] Flags(CompileOptions? options) =>
    [
        $"-std={options?.Standard ?? "gnu++17"}",
        $"-{options?.Optimize ?? "O2"}",
        "-pipe",
        "-DONLINE_JUDGE",
        .. (options?.Defines ?? []).Select(define => "-D" + define),
    ];

    /// <summary>The extra files that are C++ sources, compiled and linked with the program; headers are only included.</summary>
    private static IEnumerable<string> ExtraSources(PrepareContext context) =>
        context.ExtraFiles.Select(f => f.Path).Where(path => SourceSuffixes.Any(suffix => path.EndsWith(suffix, StringComparison.Ordinal)));

    private static readonly string[] SourceSuffixes = [".cpp", ".cc", ".cxx"];
}
