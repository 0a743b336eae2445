using Microsoft.CodeAnalysis;

namespace Verifier.CSharpCompiler;

/// <summary>
/// Turns one submission into the assemblies its test kind runs: <c>io</c> a program, <c>function</c> a library the
/// harness calls, <c>assert</c> that library plus the tests compiled against it, with the entry point's class imported
/// so the tests may call it by its bare name (as Python's <c>check(candidate)</c> needs no class). A task's own sources
/// (<see cref="CompileRequest.ExtraSources"/>) join the submission's compilation for <c>io</c> and <c>function</c>, under
/// the same rules (a <c>Main</c> of the task's with a library submission, helpers the submission calls).
/// </summary>
internal static class SubmissionBuild
{
    public const string SubmissionName = "Submission";
    public const string TestsName = "Tests";

    public static CompileReply Compile(CompileRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind == CompileKind.Io)
        {
            var program = RoslynCompiler.Compile("main", OutputKind.ConsoleApplication, [new CSharpSource("main.cs", request.Code), .. request.ExtraSources],
                null, CompileRole.Program, request.MaxAssemblyKb, cancellationToken);
            return program.Succeeded ? Reply(("main.dll", program.Image!)) : new CompileReply(null, program.Errors);
        }

        var role = request.Kind == CompileKind.Assert ? CompileRole.Candidate : CompileRole.Program;
        List<CSharpSource> submissionSources = [new("Submission.cs", request.Code)];
        if (request.Kind == CompileKind.Assert)
        {
            submissionSources.Add(TestsSeeInternals);
        }
        else
        {
            // An assert build's candidate is the submission alone, as in C++: the task's sources there are only data.
            submissionSources.AddRange(request.ExtraSources);
        }

        var submission = RoslynCompiler.Compile(SubmissionName, OutputKind.DynamicallyLinkedLibrary, submissionSources,
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

    /// <summary>
    /// The submission and its tests are one program in the user's eyes (MultiPL-E's C# is <c>class Problem { ... Main
    /// with Debug.Assert }</c>, the class internal by default): compiled as two assemblies, the tests see the
    /// submission's internal types as they would in one. The tests are trusted code; what the submission declares is
    /// still checked for names that would change what the tests mean (<see cref="TestShadowing"/>).
    /// </summary>
    private static readonly CSharpSource TestsSeeInternals =
        new("TestsSeeInternals.g.cs", $"[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"{TestsName}\")]\n");

    private static CompileReply Reply(params (string Name, byte[] Image)[] assemblies) =>
        new(assemblies.ToDictionary(a => a.Name, a => a.Image, StringComparer.Ordinal), null);

    /// <summary>The fully qualified type the tests can see that declares the entry point, when exactly one does.</summary>
    private static string? EntryPointOwner(Compilation submission, string entryPoint)
    {
        var dot = entryPoint.IndexOf('.', StringComparison.Ordinal);
        var owners = dot >= 0
            ? submission.GetSymbolsWithName(entryPoint[..dot], SymbolFilter.Type).OfType<INamedTypeSymbol>()
            : submission.GetSymbolsWithName(entryPoint, SymbolFilter.Member).OfType<IMethodSymbol>()
                .Where(m => m.IsStatic && m.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal).Select(m => m.ContainingType);
        var found = owners.Where(t => VisibleToTests(t) && !t.IsGenericType)
            .Distinct(SymbolEqualityComparer.Default).Cast<INamedTypeSymbol>().ToList();
        return found.Count == 1 ? found[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null;
    }

    /// <summary>Public or internal, and so is every type around it: what the tests can name (they see the internals).</summary>
    private static bool VisibleToTests(INamedTypeSymbol type) =>
        type.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal && (type.ContainingType is null || VisibleToTests(type.ContainingType));
}
