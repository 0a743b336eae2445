using Microsoft.CodeAnalysis;

namespace Verifier.CSharpCompiler;

/// <summary>
/// Turns one submission into the assemblies its test kind runs: <c>io</c> a program, <c>function</c> a library the
/// harness calls, <c>assert</c> that library plus the tests compiled against it, with the entry point's class imported
/// so the tests may call it by its bare name (as Python's <c>check(candidate)</c> needs no class).
/// </summary>
internal static class SubmissionBuild
{
    public const string SubmissionName = "Submission";
    public const string TestsName = "Tests";

    public static CompileReply Compile(CompileRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind == CompileKind.Io)
        {
            var program = RoslynCompiler.Compile("main", OutputKind.ConsoleApplication, [new CSharpSource("main.cs", request.Code)],
                null, CompileRole.Program, request.MaxAssemblyKb, cancellationToken);
            return program.Succeeded ? Reply(("main.dll", program.Image!)) : new CompileReply(null, program.Errors);
        }

        var role = request.Kind == CompileKind.Assert ? CompileRole.Candidate : CompileRole.Program;
        var submission = RoslynCompiler.Compile(SubmissionName, OutputKind.DynamicallyLinkedLibrary, [new CSharpSource("Submission.cs", request.Code)],
            null, role, request.MaxAssemblyKb, cancellationToken);
        if (!submission.Succeeded)
        {
            return new CompileReply(null, submission.Errors);
        }

        if (request.Kind == CompileKind.Function)
        {
            return Reply(("Submission.dll", submission.Image!));
        }

        if (TestShadowing.Find(submission.Compilation!, request.TestsCode) is { Count: > 0 } shadows)
        {
            return new CompileReply(null, string.Join("\n", shadows.Take(5)));
        }

        var sources = new List<CSharpSource> { new("Tests.cs", request.TestsCode) };
        if (EntryPointOwner(submission.Compilation!, request.EntryPoint) is { } owner)
        {
            sources.Add(new CSharpSource("EntryPoint.g.cs", $"global using static {owner};\n"));
        }

        var tests = RoslynCompiler.Compile(TestsName, OutputKind.ConsoleApplication, sources, MetadataReference.CreateFromImage(submission.Image!),
            CompileRole.Tests, request.MaxAssemblyKb, cancellationToken);
        return tests.Succeeded
            ? Reply(("Submission.dll", submission.Image!), ("Tests.dll", tests.Image!))
            : new CompileReply(null, $"the tests do not compile against the submission:\n{tests.Errors}");
    }

    private static CompileReply Reply(params (string Name, byte[] Image)[] assemblies) =>
        new(assemblies.ToDictionary(a => a.Name, a => a.Image, StringComparer.Ordinal), null);

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
}
