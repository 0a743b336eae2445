using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Verifier.Core.Code;
using Verifier.Core.Code.Files;
using Verifier.Sandbox.Harness;
using Verifier.Sandbox.Languages.Scripts;

namespace Verifier.Sandbox.Languages.Compiled;

/// <summary>
/// Java 17, compiled by javac in the sandbox and run by the verifier's launcher (<c>VerifierLauncher.java</c>), which
/// finds the class with <c>main</c>: the source file takes the name of its public top-level class, or <c>Main</c>.
/// <c>io</c>: main per case. <c>assert</c>: the submission followed by the test code (MultiPL-E's layout, where the
/// tests' <c>main</c> uses <c>assert</c>, so assertions are on), passing when that main returns normally.
/// javatuples is on the class path, as MultiPL-E's Java problems import it.
/// </summary>
public sealed partial class JavaLanguage : ISandboxLanguage
{
    private const string ClassPath = ".:/usr/share/java/javatuples.jar";
    private const string Launcher = "VerifierLauncher";

    /// <summary>
    /// The JVM in a container: one GC thread, class data sharing for the JDK's classes, and no performance data file
    /// (it would go to /tmp/hsperfdata_&lt;user&gt;).
    /// </summary>
    private static readonly string[] JvmFlags = ["-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData"];

    /// <summary>
    /// javac runs briefly: the quick JIT tier starts it faster, and the image's archive of javac's own classes halves a
    /// small compile (the JVM ignores an archive it cannot find or use, so another image works unchanged).
    /// </summary>
    private static readonly string[] JavacFlags = [.. JvmFlags, "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=/usr/lib/verifier/javac.jsa"];

    private static readonly FrozenDictionary<string, string> Env = ScriptLanguage.Environment(FrozenDictionary<string, string>.Empty);

    public string Name => "java";

    public string Version => "OpenJDK 17";

    /// <summary>Started on first use: see <see cref="ISandboxLanguage.WarmByDefault"/>.</summary>
    public bool WarmByDefault => false;

    public string DefaultImage => "verifier-sandbox-java:1";

    public IReadOnlyList<string> FenceTags { get; } = ["java"];

    /// <summary>The launcher; the submission's own file takes its public class's name and is checked once that is known.</summary>
    public IReadOnlySet<string> ReservedPaths { get; } = new HashSet<string> { Launcher + ".java", Launcher + ".class" }.ToFrozenSet();

    public IReadOnlySet<CodeTestKind> TestKinds { get; } = new[] { CodeTestKind.Io, CodeTestKind.Assert }.ToFrozenSet();

    /// <summary>javac is itself a JVM: its heap is a quarter of this unless told otherwise.</summary>
    public int CompileMemoryMb => 1024;

    public ValueTask<PrepareResult> PrepareAsync(PrepareContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var assert = context.Tests as AssertTests;
        if (context.Tests is not (IoTests or AssertTests))
        {
            throw new ArgumentOutOfRangeException(nameof(context), context.Tests.Kind, "unsupported test kind");
        }

        var source = assert is null ? context.Code : $"{context.Code}\n{assert.Code}\n";
        var mainClass = PublicClass(source) ?? "Main";
        var sourceFile = mainClass + ".java";
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [sourceFile] = Encoding.UTF8.GetBytes(source),
            [Launcher + ".java"] = Encoding.UTF8.GetBytes(HarnessScripts.JavaLauncher),
        };
        string[] release = context.CompileOptions?.Standard is { } chosen ? ["--release", CompileOptionRules.JavaReleases.Single(r => r == chosen)] : [];
        string[] compile = ["javac", .. JavacFlags.Select(f => "-J" + f), "-encoding", "UTF-8", "-nowarn", "-proc:none", .. release, "-cp", ClassPath, "-d", ".", sourceFile, Launcher + ".java"];
        // The heap may grow to the whole limit, so a program that needs more memory is stopped by the container's limit
        // (memory_limit, as in every language) rather than by an OutOfMemoryError (a runtime error) at some fraction of it.
        var heapMb = context.MemoryMb;
        string[] run =
        [
            "java", .. JvmFlags, "-Xss64m", $"-Xmx{heapMb.ToString(CultureInfo.InvariantCulture)}m", .. assert is null ? Array.Empty<string>() : ["-ea"],
            "-cp", ClassPath, Launcher, assert is null ? "--io" : "--assert", mainClass,
        ];
        var program = new SandboxProgram(files, new CommandCompileStep(compile), new ProgramRunner(RunnerKind.Process, run), Env);
        return ValueTask.FromResult(PrepareResult.Ready(program));
    }

    /// <summary>The public top-level type, whose name javac requires the file to have.</summary>
    internal static string? PublicClass(string source)
    {
        var match = PublicTypePattern().Match(source);
        return match.Success ? match.Groups["name"].Value : null;
    }

    [GeneratedRegex(@"^public\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\s+)*(?:class|interface|enum|record)\s+(?<name>[A-Za-z_$][\w$]*)", RegexOptions.Multiline)]
    private static partial Regex PublicTypePattern();
}
