using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using Verifier.Core.Code;
using Verifier.Core.Code.Files;
using Verifier.Sandbox.Harness;
using Verifier.Sandbox.Languages.Scripts;

namespace Verifier.Sandbox.Languages.Compiled;

/// <summary>
/// Rust (rustc 1.63, edition 2021, -O), compiled in the sandbox. <c>io</c>: the binary runs per case. <c>assert</c>:
/// MultiPL-E's layout, the submission followed by the tests' <c>fn main</c> using <c>assert!</c>/<c>assert_eq!</c>,
/// linked with the C++ assert harness (its <c>main</c> wrapper echoes the nonce only when the Rust main returned), so
/// a <c>process::exit(0)</c> fails. The submission may not define macros (one named <c>assert_eq</c> would shadow the
/// tests'), export or place symbols, or hold assembly: each would let it reach the harness's nonce or skip the checks.
/// </summary>
public sealed partial class RustLanguage : ISandboxLanguage
{
    private const string Rustc = "rustc --edition 2021 -O -C debuginfo=0";

    private static readonly FrozenDictionary<string, string> Env = ScriptLanguage.Environment(FrozenDictionary<string, string>.Empty);

    public string Name => "rust";

    public string Version => "rustc 1.63, edition 2021";

    /// <summary>Started on first use: see <see cref="ISandboxLanguage.WarmByDefault"/>.</summary>
    public bool WarmByDefault => false;

    public string DefaultImage => "verifier-sandbox-rust:1";

    public IReadOnlyList<string> FenceTags { get; } = ["rust", "rs"];

    public IReadOnlySet<string> ReservedPaths { get; } = new HashSet<string> { "main.rs", "main", "harness.c", "harness.o" }.ToFrozenSet();

    public IReadOnlySet<CodeTestKind> TestKinds { get; } = new[] { CodeTestKind.Io, CodeTestKind.Assert }.ToFrozenSet();

    public int CompileMemoryMb => 1024;

    public ValueTask<PrepareResult> PrepareAsync(PrepareContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Tests is IoTests)
        {
            return ValueTask.FromResult(PrepareResult.Ready(new SandboxProgram(
                new Dictionary<string, byte[]> { ["main.rs"] = Encoding.UTF8.GetBytes(context.Code) },
                new CommandCompileStep(["sh", "-c", $"exec {RustcFor(context.CompileOptions?.Standard)} -o main main.rs"]),
                new ProgramRunner(RunnerKind.Process, ["./main"]),
                Env)));
        }

        if (context.Tests is not AssertTests tests)
        {
            throw new ArgumentOutOfRangeException(nameof(context), context.Tests.Kind, "unsupported test kind");
        }

        if (ForbiddenInAssert().Match(context.Code) is { Success: true } forbidden)
        {
            return ValueTask.FromResult(PrepareResult.Rejected(
                $"error: `{forbidden.Value}` is not allowed in a Rust assert submission (it could change or skip the tests' checks)"));
        }

        return ValueTask.FromResult(PrepareResult.Ready(new SandboxProgram(
            new Dictionary<string, byte[]>
            {
                ["main.rs"] = Encoding.UTF8.GetBytes($"{context.Code}\n{tests.Code}\n"),
                ["harness.c"] = Encoding.UTF8.GetBytes(HarnessScripts.CppAssertHarness),
            },
            new CommandCompileStep(["sh", "-c",
                $"gcc -O2 -c harness.c -o harness.o && exec {Rustc} -C link-arg=harness.o -C link-arg=-Wl,--wrap=main -o main main.rs"]),
            new ProgramRunner(RunnerKind.Process, ["./main"]),
            Env)));
    }

    /// <summary>
    /// rustc with the request's edition. The edition comes from <see cref="CompileOptionRules.RustEditions"/> (four
    /// digits, checked before this runs), so it is safe inside the shell command.
    /// </summary>
    private static string RustcFor(string? edition) =>
        edition is null ? Rustc : Rustc.Replace("--edition 2021", $"--edition {CompileOptionRules.RustEditions.Single(e => e == edition)}", StringComparison.Ordinal);

    [GeneratedRegex(@"\bmacro_rules!|\b(?:global_asm|asm|llvm_asm)!|\b(?:link_section|export_name|no_mangle|link_name|naked)\b")]
    private static partial Regex ForbiddenInAssert();
}
