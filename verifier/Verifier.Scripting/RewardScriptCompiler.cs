using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Verifier.Scripting;

/// <summary>
/// Compiles one <c>.csx</c> file into a delegate returning a number, against <see cref="RewardScriptGlobals"/>,
/// with the budget checks inserted. A compile error becomes a <see cref="RewardScriptException"/> that names
/// the file, line and column.
/// </summary>
internal static class RewardScriptCompiler
{
    private static readonly ScriptOptions Options = ScriptOptions.Default
        .WithReferences(typeof(object).Assembly, typeof(Enumerable).Assembly, typeof(Regex).Assembly, typeof(ImmutableArray).Assembly)
        .WithImports("System", "System.Linq", "System.Collections.Generic", "System.Text.RegularExpressions")
        .WithOptimizationLevel(OptimizationLevel.Release)
        // #r and #load could pull in arbitrary assemblies and files; scripts get the fixed set above.
        .WithMetadataResolver(ScriptMetadataResolver.Default.WithSearchPaths())
        .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory: null));

    public static ScriptRunner<double> Compile(string path, string source)
    {
        var parsed = CSharpSyntaxTree.ParseText(source, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script), path);
        var directive = parsed.GetRoot().DescendantTrivia()
            .FirstOrDefault(t => t.IsKind(SyntaxKind.ReferenceDirectiveTrivia) || t.IsKind(SyntaxKind.LoadDirectiveTrivia));
        if (!directive.IsKind(SyntaxKind.None))
        {
            var line = directive.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            throw new RewardScriptException($"{path}({line}): #r and #load are not allowed in reward scripts");
        }

        // Diagnostics come from the script as written, so their lines and columns are the author's.
        var errors = CSharpScript.Create<double>(source, Options.WithFilePath(path), typeof(RewardScriptGlobals))
            .Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new RewardScriptException($"reward script {path} does not compile:{Environment.NewLine}" +
                string.Join(Environment.NewLine, errors.Take(10).Select(Describe)));
        }

        var guarded = BudgetInjector.Inject(parsed).GetRoot().ToFullString();
        var script = CSharpScript.Create<double>(guarded, Options.WithFilePath(path), typeof(RewardScriptGlobals));
        var guardedErrors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (guardedErrors.Count > 0)
        {
            throw new RewardScriptException($"reward script {path} could not be instrumented: {Describe(guardedErrors[0])}");
        }

        return script.CreateDelegate();
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"  {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}

public sealed class RewardScriptException : Exception
{
    public RewardScriptException()
    {
    }

    public RewardScriptException(string message)
        : base(message)
    {
    }

    public RewardScriptException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
