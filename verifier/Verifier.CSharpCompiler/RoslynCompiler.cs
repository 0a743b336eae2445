using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Verifier.CSharpCompiler;

/// <summary>One source file of a compilation.</summary>
internal sealed record CSharpSource(string Path, string Text);

/// <summary>Whose code a compilation holds, which decides what it may use.</summary>
internal enum CompileRole
{
    /// <summary>
    /// Untrusted and sharing the tests' process (assert): <see cref="ForbiddenApis"/> applies, since raw memory,
    /// native code or reflection there could forge the pass.
    /// </summary>
    Candidate,

    /// <summary>
    /// Untrusted, judged outside its process (io, function): whatever it does in its sandbox can only change what it
    /// prints or returns, so it may use what fast C# uses (spans over raw memory, <c>Unsafe</c>, intrinsics).
    /// </summary>
    Program,

    /// <summary>The caller's tests: <c>Debug.Assert</c> and <c>Trace.Assert</c> are live.</summary>
    Tests,

    /// <summary>Ours (the harness): may use interop.</summary>
    Harness,
}

/// <summary>An emitted assembly, or the errors that stopped it.</summary>
internal sealed record CSharpAssembly(byte[]? Image, string? Errors, CSharpCompilation? Compilation)
{
    public bool Succeeded => Image is not null;
}

/// <summary>
/// Roslyn, in the verifier. Compilations are single-threaded (a submission gets one core, as in the sandbox) and see
/// <see cref="CSharpReferences"/> (plus, for the tests, the submission) with the SDK's implicit usings of a console
/// project; there are no analyzers or source generators, and no option comes from the input. The references' metadata
/// is loaded once and shared by every compilation, which is what makes a warm compile take milliseconds.
/// </summary>
internal static class RoslynCompiler
{
    private const int ErrorsShown = 5;

    /// <summary>The namespaces the SDK imports for a console project (<c>ImplicitUsings</c> in Microsoft.NET.Sdk), for every compilation.</summary>
    public static readonly ImmutableArray<string> ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string GlobalUsings = string.Concat(ImplicitUsings.Select(n => $"global using {n};\n"));

    /// <summary>
    /// An empty compilation per assembly name and output kind, its references bound once: each compilation adds its trees
    /// to one, which spares it binding the ~170 framework references again (Roslyn reuses the bound set when only trees change).
    /// </summary>
    private static readonly ConcurrentDictionary<(string Name, OutputKind Kind), CSharpCompilation> Empty = new();

    /// <summary>Line numbers in the stack traces a failing program prints, without a separate file.</summary>
    private static readonly EmitOptions Embedded = new(debugInformationFormat: DebugInformationFormat.Embedded);

    private static readonly CSharpParseOptions Submission = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Regular);

    /// <summary>Test code sees Debug.Assert and Trace.Assert as it would in a Debug build.</summary>
    private static readonly CSharpParseOptions Tests = Submission.WithPreprocessorSymbols("DEBUG", "TRACE");

    public static CSharpAssembly Compile(
        string assemblyName,
        OutputKind kind,
        IEnumerable<CSharpSource> sources,
        MetadataReference? against,
        CompileRole role,
        int maxAssemblyKb,
        CancellationToken cancellationToken)
    {
        var parse = role == CompileRole.Tests ? Tests : Submission;
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path, Encoding.UTF8, cancellationToken))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings, parse, "GlobalUsings.g.cs", Encoding.UTF8, cancellationToken))
            .ToList();
        foreach (var tree in trees)
        {
            var root = tree.GetRoot(cancellationToken);
            var nesting = LambdaNesting.Deepest(root);
            if (nesting > LambdaNesting.Max)
            {
                return new CSharpAssembly(null, $"{tree.FilePath}: lambdas nested {nesting} deep; at most {LambdaNesting.Max} are compiled", null);
            }

            var longest = ConstantStrings.LongestEstimate(root);
            if (longest > ConstantStrings.MaxChars)
            {
                return new CSharpAssembly(null, string.Create(CultureInfo.InvariantCulture,
                    $"{tree.FilePath}: a string constant could fold to {longest:N0} characters; at most {ConstantStrings.MaxChars:N0} are compiled"), null);
            }
        }

        var compilation = Empty.GetOrAdd((assemblyName, kind), key => CSharpCompilation.Create(key.Name, null, CSharpReferences.All, Options(key.Kind)))
            .AddSyntaxTrees(trees);
        if (against is not null)
        {
            compilation = compilation.AddReferences(against);
        }

        using var image = new MemoryStream();
        EmitResult result;
        try
        {
            result = compilation.Emit(image, options: Embedded, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Roslyn gave up on this source (it has thrown on sources at its limits): the submission's doing, not ours.
            return new CSharpAssembly(null, $"the compiler failed on this source: {e.GetType().Name}: {e.Message}", compilation);
        }

        if (!result.Success)
        {
            return new CSharpAssembly(null, Format(result.Diagnostics), compilation);
        }

        if (image.Length > maxAssemblyKb * 1024L)
        {
            return new CSharpAssembly(null, $"the compiled assembly exceeds {maxAssemblyKb} KB", compilation);
        }

        // After emitting, so the candidate sees its compile errors first and the check meets only bound code (it binds
        // again through a semantic model: roughly a second compilation's binding, milliseconds for a small program).
        if (role == CompileRole.Candidate && ForbiddenApis.Find(compilation, cancellationToken) is { Count: > 0 } refused)
        {
            return new CSharpAssembly(null, Format(refused), compilation);
        }

        return new CSharpAssembly(image.ToArray(), null, compilation);
    }

    private static CSharpCompilationOptions Options(OutputKind kind) => new(
        kind,
        optimizationLevel: OptimizationLevel.Release,
        deterministic: true,
        concurrentBuild: false,
        nullableContextOptions: NullableContextOptions.Disable,
        allowUnsafe: false);

    /// <summary>The first errors, one per line, as the compiler prints them (<c>Submission.cs(3,9): error CS0103: ...</c>).</summary>
    private static string Format(ImmutableArray<Diagnostic> diagnostics) =>
        Format([.. diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())]);

    private static string Format(IReadOnlyList<string> errors)
    {
        var shown = errors.Take(ErrorsShown);
        var more = errors.Count > ErrorsShown ? $"\n... and {errors.Count - ErrorsShown} more errors" : "";
        return string.Join("\n", shown) + more;
    }
}
