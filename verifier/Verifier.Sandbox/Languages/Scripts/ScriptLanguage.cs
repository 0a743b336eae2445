using System.Collections.Frozen;
using System.Text;
using Verifier.Core.Code;

namespace Verifier.Sandbox.Languages.Scripts;

/// <summary>
/// An interpreted language run straight from its source file. <c>io</c>: the interpreter runs the submission per case.
/// <c>assert</c>: the submission followed by the test code, framed by an <see cref="AssertFrame"/>. <c>function</c>,
/// where the language has a function server: the server loads the submission and answers each call with JSON. A syntax check
/// (parse only, nothing runs) comes first, so a syntax error is a compile error rather than every test's runtime error.
/// </summary>
public abstract class ScriptLanguage : ISandboxLanguage
{
    private static readonly FrozenSet<CodeTestKind> Kinds = new[] { CodeTestKind.Io, CodeTestKind.Assert }.ToFrozenSet();
    private static readonly FrozenSet<CodeTestKind> KindsWithFunctions = new[] { CodeTestKind.Io, CodeTestKind.Function, CodeTestKind.Assert }.ToFrozenSet();

    public abstract string Name { get; }

    public abstract string Version { get; }

    /// <summary>Started on first use: see <see cref="ISandboxLanguage.WarmByDefault"/>.</summary>
    public bool WarmByDefault => false;

    public string DefaultImage => $"verifier-sandbox-{Name}:1";

    public abstract IReadOnlyList<string> FenceTags { get; }

    public IReadOnlySet<CodeTestKind> TestKinds => FunctionServer is null ? Kinds : KindsWithFunctions;

    public virtual int CompileMemoryMb => 0;

    /// <summary>The source file's name in the job's directory.</summary>
    protected abstract string SourceFile { get; }

    /// <summary>What the interpreter needs beyond PATH and LANG.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = FrozenDictionary<string, string>.Empty;

    /// <summary>
    /// Parses <see cref="SourceFile"/> without running it, exiting non-zero with the diagnostics on a syntax error; or,
    /// for a language that compiles to a script (TypeScript), the compiler.
    /// </summary>
    protected abstract IReadOnlyList<string> SyntaxCheck { get; }

    /// <summary>Runs <see cref="SourceFile"/>.</summary>
    protected abstract IReadOnlyList<string> Run { get; }

    /// <summary>The frame around an assert program, the nonce kept in <paramref name="secret"/>.</summary>
    protected abstract AssertFrame Frame(string secret, int testsFirstLine);

    /// <summary>
    /// For <c>function</c> tests: a harness file that loads the (compiled) submission and answers calls on fds 3 and 4,
    /// and the command that runs it; null when the language has none.
    /// </summary>
    protected virtual (string File, string Source, IReadOnlyList<string> Run)? FunctionServer => null;

    /// <summary>The submission as the program embeds it (e.g. opened in PHP mode).</summary>
    protected virtual string Normalize(string code) => code;

    /// <summary>
    /// Files the program needs beside its source (a test library for assert programs, a compiler's settings);
    /// <paramref name="library"/> when the submission is not a program of its own (assert and function tests).
    /// </summary>
    protected virtual IEnumerable<KeyValuePair<string, byte[]>> SupportFiles(bool library) => [];

    /// <summary>The source, the function server and the support files of every test kind, and what the syntax check writes.</summary>
    public IReadOnlySet<string> ReservedPaths => field ??= new[] { SourceFile, FunctionServer?.File }
        .Concat(SupportFiles(true).Concat(SupportFiles(false)).Select(f => f.Key))
        .Concat(BuildOutputs)
        .OfType<string>()
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Files the syntax check writes beside the source (TypeScript's <c>main.js</c>).</summary>
    protected virtual IEnumerable<string> BuildOutputs => [];

    public ValueTask<PrepareResult> PrepareAsync(PrepareContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var code = Normalize(context.Code);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var runner = new ProgramRunner(RunnerKind.Process, Run);
        switch (context.Tests)
        {
            case IoTests:
                files[SourceFile] = Encoding.UTF8.GetBytes(code);
                break;
            case FunctionTests when FunctionServer is { } server:
                files[SourceFile] = Encoding.UTF8.GetBytes(code);
                files[server.File] = Encoding.UTF8.GetBytes(server.Source);
                runner = new ProgramRunner(RunnerKind.Rpc, server.Run);
                break;
            case AssertTests assert:
                var frame = Frame(AssertFrame.SecretName(), AssertFrame.TestsFirstLine(code));
                files[SourceFile] = Encoding.UTF8.GetBytes(frame.Assemble(code, assert.Code));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(context), context.Tests.Kind, "unsupported test kind");
        }

        foreach (var (name, content) in SupportFiles(context.Tests is not IoTests))
        {
            files[name] = content;
        }

        var program = new SandboxProgram(files, new CommandCompileStep(SyntaxCheck), runner, Environment(ExtraEnvironment));
        return ValueTask.FromResult(PrepareResult.Ready(program));
    }

    /// <summary>PATH and LANG plus <paramref name="extra"/>: the programs' whole environment.</summary>
    internal static FrozenDictionary<string, string> Environment(IReadOnlyDictionary<string, string> extra)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["LANG"] = "C.UTF-8",
        };
        foreach (var (name, value) in extra)
        {
            env[name] = value;
        }

        return env.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
