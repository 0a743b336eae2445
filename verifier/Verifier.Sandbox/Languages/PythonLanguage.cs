using System.Collections.Frozen;
using System.Text;
using Verifier.Core.Code;
using Verifier.Sandbox.Harness;

namespace Verifier.Sandbox.Languages;

/// <summary>
/// Python 3. <c>io</c>: <c>python3 main.py</c> per case (through a launcher that compiles it first, so the first case's
/// run is also the syntax check; the function server compiles the solution first for the same reason). <c>function</c>: a function server imports the code once and
/// answers each call with the JSON of the return value. <c>assert</c>: the supervisor's judge runs <c>check(candidate)</c>
/// in its own process, calling into that server. A syntax error is a compile error (parsed, never run, before any test).
/// </summary>
public sealed class PythonLanguage : ISandboxLanguage
{
    private const string Main = "main.py";
    private const string Solution = "solution.py";
    private const string Server = "server.py";

    /// <summary>Big integers are plain data: factorial(2000) has 5,736 digits, past Python's default int/str limit of 4,300.</summary>
    private const string BigIntegers = "int_max_str_digits=0";

    private static readonly FrozenDictionary<string, string> Env = new Dictionary<string, string>
    {
        ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
        ["LANG"] = "C.UTF-8",
        ["PYTHONHASHSEED"] = "0",
        ["PYTHONDONTWRITEBYTECODE"] = "1",
    }.ToFrozenDictionary();

    public string Name => "python";

    public string Version => "3.11";

    public string DefaultImage => "verifier-sandbox-python:2";

    public IReadOnlyList<string> FenceTags { get; } = ["python", "py", "python3"];

    public IReadOnlySet<CodeTestKind> TestKinds { get; } = new HashSet<CodeTestKind> { CodeTestKind.Io, CodeTestKind.Function, CodeTestKind.Assert }.ToFrozenSet();

    public int CompileMemoryMb => 0;

    public IReadOnlySet<string> ReservedPaths { get; } = new HashSet<string> { Main, Solution, Server }.ToFrozenSet();

    public ValueTask<PrepareResult> PrepareAsync(PrepareContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var code = Encoding.UTF8.GetBytes(context.Code);
        var program = context.Tests.Kind switch
        {
            CodeTestKind.Io => new SandboxProgram(
                new Dictionary<string, byte[]> { [Main] = code },
                new PythonSyntaxCheck(Main),
                new ProgramRunner(RunnerKind.Process, ["python3", "-X", BigIntegers, "-c", HarnessScripts.PythonLauncher, Main], ReportsSyntax: true),
                Env),
            CodeTestKind.Function or CodeTestKind.Assert => new SandboxProgram(
                new Dictionary<string, byte[]> { [Solution] = code, [Server] = Encoding.UTF8.GetBytes(HarnessScripts.PythonServer) },
                new PythonSyntaxCheck(Solution),
                new ProgramRunner(context.Tests.Kind == CodeTestKind.Function ? RunnerKind.Rpc : RunnerKind.PythonJudge, ["python3", "-I", "-X", BigIntegers, Server], ReportsSyntax: true),
                Env),
            _ => throw new ArgumentOutOfRangeException(nameof(context), context.Tests.Kind, "unsupported test kind"),
        };
        return ValueTask.FromResult(PrepareResult.Ready(program));
    }
}
