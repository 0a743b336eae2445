using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using Verifier.Core.Code;
using Verifier.Core.Code.Files;
using Verifier.Sandbox.Languages.Scripts;

namespace Verifier.Sandbox.Languages.Compiled;

/// <summary>
/// Go 1.19, built in the sandbox with the standard library only: no module is ever downloaded (GOPROXY=off), cgo is
/// off, and the build cache lives in the job's own directory (no submission's build output is another's input).
/// <c>io</c>: <c>package main</c>, run per case. <c>assert</c>: MultiPL-E's layout, a test file (the submission, then
/// test functions using <c>testing</c>) built with <c>go test -c</c>; the verifier's <c>TestMain</c>, in a file of its
/// own in the same package, echoes the nonce only when every test passed, so an <c>os.Exit(0)</c> fails.
/// </summary>
public sealed partial class GoLanguage : ISandboxLanguage
{
    /// <summary>
    /// The build cache starts as a copy of the image's warm one (the standard library's test support already built,
    /// about a third of a cold <c>go test -c</c>), in the job's directory: writable, and nobody else's.
    /// </summary>
    private const string Build = "export GOCACHE=\"$PWD/.gocache\" GOPATH=\"$PWD/.gopath\"; "
        + "if [ -d /usr/lib/verifier/go-cache ]; then cp -r /usr/lib/verifier/go-cache \"$GOCACHE\"; fi; exec ";

    private static readonly FrozenDictionary<string, string> Env = ScriptLanguage.Environment(new Dictionary<string, string>
    {
        ["GOFLAGS"] = "-mod=mod",
        ["GOPROXY"] = "off",
        ["GOSUMDB"] = "off",
        ["GOTOOLCHAIN"] = "local",
        ["CGO_ENABLED"] = "0",
    });

    public string Name => "go";

    public string Version => "Go 1.19";

    /// <summary>Started on first use: see <see cref="ISandboxLanguage.WarmByDefault"/>.</summary>
    public bool WarmByDefault => false;

    public string DefaultImage => "verifier-sandbox-go:1";

    public IReadOnlyList<string> FenceTags { get; } = ["go", "golang"];

    public IReadOnlySet<string> ReservedPaths { get; } = new HashSet<string> { "main.go", "main", "main_test.go", "verifier_main_test.go", "main.test" }.ToFrozenSet();

    public IReadOnlySet<CodeTestKind> TestKinds { get; } = new[] { CodeTestKind.Io, CodeTestKind.Assert }.ToFrozenSet();

    public int CompileMemoryMb => 1024;

    public ValueTask<PrepareResult> PrepareAsync(PrepareContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var program = context.Tests switch
        {
            IoTests => new SandboxProgram(
                new Dictionary<string, byte[]> { ["main.go"] = Encoding.UTF8.GetBytes(context.Code) },
                new CommandCompileStep(["sh", "-c", Build + $"go build{LanguageFlag(context.CompileOptions?.Standard)} -o main main.go"]),
                new ProgramRunner(RunnerKind.Process, ["./main"]),
                Env),
            AssertTests tests => AssertProgram(context.Code, tests.Code),
            _ => throw new ArgumentOutOfRangeException(nameof(context), context.Tests.Kind, "unsupported test kind"),
        };
        return ValueTask.FromResult(PrepareResult.Ready(program));
    }

    private static SandboxProgram AssertProgram(string code, string tests)
    {
        var package = PackageClause().Match(code) is { Success: true } clause ? clause.Groups["name"].Value : null;
        var source = package is null ? $"package main\n{code}\n{tests}\n" : $"{code}\n{tests}\n";
        return new SandboxProgram(
            new Dictionary<string, byte[]>
            {
                ["main_test.go"] = Encoding.UTF8.GetBytes(source),
                ["verifier_main_test.go"] = Encoding.UTF8.GetBytes(TestMain(package ?? "main")),
            },
            new CommandCompileStep(["sh", "-c", Build + "go test -c -vet=off -o main.test main_test.go verifier_main_test.go"]),
            new ProgramRunner(RunnerKind.Process, ["./main.test"]),
            Env);
    }

    /// <summary>Takes the nonce before any test runs and echoes it only if <c>m.Run</c> reports that all passed.</summary>
    private static string TestMain(string package) => $$"""
        package {{package}}

        import (
        	"io"
        	"os"
        	"testing"
        )

        func TestMain(m *testing.M) {
        	nonce, _ := io.ReadAll(os.NewFile(3, "nonce"))
        	code := m.Run()
        	if code == 0 {
        		marker := os.NewFile(4, "marker")
        		marker.Write(nonce)
        		marker.Close()
        	}
        	os.Exit(code)
        }
        """;

    [GeneratedRegex(@"^\s*package\s+(?<name>[A-Za-z_]\w*)", RegexOptions.Multiline)]
    private static partial Regex PackageClause();

    /// <summary>The chosen language version, from the allow-list only (the shell sees nothing else of the request).</summary>
    private static string LanguageFlag(string? version) =>
        version is null ? "" : $" -gcflags=-lang={CompileOptionRules.GoVersions.Single(v => v == version)}";
}
