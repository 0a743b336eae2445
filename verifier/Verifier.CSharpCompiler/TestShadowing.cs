using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verifier.CSharpCompiler;

/// <summary>
/// The tests are compiled against the submission, and C# looks a name up in the global namespace (where the
/// submission's top-level types are) before the tests' <c>using</c> directives: a submission that declares
/// <c>public static class Debug { public static void Assert(bool c) { } }</c> silently replaced
/// <c>System.Diagnostics.Debug</c> in the tests and passed with a wrong answer, a global class <c>System</c> would hide
/// the namespace, and a public extension method in the global namespace (<c>SequenceEqual</c>, say) wins over LINQ's.
/// So a submission whose global-namespace types (internal ones too: the tests see them) could shadow what the tests
/// use is refused.
/// </summary>
internal static class TestShadowing
{
    public const string DiagnosticId = "VER0002";

    /// <summary>Namespaces every test file imports (<see cref="RoslynCompiler"/>'s implicit usings), and where Debug lives.</summary>
    private static readonly string[] AlwaysImported = [.. RoslynCompiler.ImplicitUsings, "System.Diagnostics"];

    /// <summary>
    /// What each reference declares, by reference: the same framework references serve every compilation of the process,
    /// and walking ~170 assemblies' namespaces again for each submission cost more than the rest of this check.
    /// </summary>
    private static readonly ConditionalWeakTable<MetadataReference, DeclaredNames> Declared = new();

    public static IReadOnlyList<string> Find(Compilation submission, string testsCode)
    {
        var tests = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(testsCode).GetRoot();
        var imported = AlwaysImported.Concat(ImportedBy(tests)).ToHashSet(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in submission.References)
        {
            if (submission.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly)
            {
                continue;
            }

            var declared = Declared.GetValue(reference, _ => new DeclaredNames([.. assembly.GlobalNamespace.GetNamespaceMembers().Select(n => n.Name)]));
            taken.UnionWith(declared.RootNamespaces);
            foreach (var name in imported)
            {
                if (!declared.PublicTypes.TryGetValue(name, out var types) && Namespace(assembly.GlobalNamespace, name) is { } space)
                {
                    // Only namespaces the assembly has are kept: the tests' using directives cannot grow this without bound.
                    types = declared.PublicTypes.GetOrAdd(name, [.. space.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public).Select(t => t.Name)]);
                }

                taken.UnionWith(types ?? []);
            }
        }

        // Every top-level type counts, internal ones too: the tests see the submission's internals.
        var found = new List<string>();
        var called = CalledNames(tests);
        foreach (var type in submission.Assembly.GlobalNamespace.GetTypeMembers())
        {
            var reason = taken.Contains(type.Name) ? $"the type '{type.Name}' would hide what the tests mean by that name"
                : ExtensionsTheTestsCouldBind(type, called) is { } method
                    ? $"the type '{type.Name}' declares the extension method '{method}' in the global namespace, where it would hide the tests' own"
                : null;
            if (reason is not null && type.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
            {
                var line = location.GetLineSpan();
                found.Add($"{line.Path}({line.StartLinePosition.Line + 1},{line.StartLinePosition.Character + 1}): error {DiagnosticId}: {reason}; put it in a namespace or rename it");
            }
        }

        return found;
    }

    /// <summary>
    /// The first extension method of <paramref name="type"/> that a name in the tests could bind to. Query syntax
    /// (<c>from x in xs select x</c>) calls Select, Where and the rest without naming them, so then any extension could.
    /// </summary>
    private static string? ExtensionsTheTestsCouldBind(INamedTypeSymbol type, IReadOnlySet<string>? called) =>
        !type.MightContainExtensionMethods ? null
            : type.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => m.IsExtensionMethod && (called is null || called.Contains(m.Name)))?.Name;

    /// <summary>Every simple name the tests use, or null where they use query syntax.</summary>
    private static HashSet<string>? CalledNames(SyntaxNode tests) =>
        tests.DescendantNodes().OfType<QueryExpressionSyntax>().Any() ? null
            : tests.DescendantNodes().OfType<SimpleNameSyntax>().Select(n => n.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> ImportedBy(SyntaxNode tests) =>
        tests.DescendantNodes().OfType<UsingDirectiveSyntax>()
            .Where(u => u.Alias is null && u.StaticKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None) && u.Name is not null)
            .Select(u => u.Name!.ToString());

    /// <summary>A reference's root namespaces, and its public type names per namespace it has (filled as tests import them).</summary>
    private sealed record DeclaredNames(string[] RootNamespaces)
    {
        public ConcurrentDictionary<string, string[]> PublicTypes { get; } = new(StringComparer.Ordinal);
    }

    private static INamespaceSymbol? Namespace(INamespaceSymbol global, string dotted)
    {
        INamespaceSymbol? current = global;
        foreach (var part in dotted.Split('.'))
        {
            current = current?.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
        }

        return current;
    }
}
