using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verifier.CSharpCompiler;

/// <summary>
/// The tests are compiled against the submission, and C# looks a name up in the global namespace (where the
/// submission's top-level types are) before the tests' <c>using</c> directives: a submission that declares
/// <c>public static class Debug { public static void Assert(bool c) { } }</c> silently replaced
/// <c>System.Diagnostics.Debug</c> in the tests and passed with a wrong answer, a global class <c>System</c> would hide
/// the namespace, and a public extension method in the global namespace (<c>SequenceEqual</c>, say) wins over LINQ's.
/// So a submission whose public global-namespace types could shadow what the tests use is refused.
/// </summary>
internal static class TestShadowing
{
    public const string DiagnosticId = "VER0002";

    /// <summary>Namespaces every test file imports (<see cref="RoslynCompiler"/>'s implicit usings), and where Debug lives.</summary>
    private static readonly string[] AlwaysImported = [.. RoslynCompiler.ImplicitUsings, "System.Diagnostics"];

    public static IReadOnlyList<string> Find(Compilation submission, string testsCode)
    {
        var imported = AlwaysImported.Concat(ImportedBy(testsCode)).ToHashSet(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in submission.References)
        {
            if (submission.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly)
            {
                continue;
            }

            taken.UnionWith(assembly.GlobalNamespace.GetNamespaceMembers().Select(n => n.Name));
            foreach (var name in imported)
            {
                if (Namespace(assembly.GlobalNamespace, name) is { } space)
                {
                    taken.UnionWith(space.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public).Select(t => t.Name));
                }
            }
        }

        var found = new List<string>();
        foreach (var type in submission.Assembly.GlobalNamespace.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public))
        {
            var reason = taken.Contains(type.Name) ? $"the public type '{type.Name}' would hide what the tests mean by that name"
                : type.MightContainExtensionMethods ? $"the public type '{type.Name}' declares extension methods in the global namespace, where they would hide the tests' own"
                : null;
            if (reason is not null && type.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
            {
                var line = location.GetLineSpan();
                found.Add($"{line.Path}({line.StartLinePosition.Line + 1},{line.StartLinePosition.Character + 1}): error {DiagnosticId}: {reason}; put it in a namespace or rename it");
            }
        }

        return found;
    }

    private static IEnumerable<string> ImportedBy(string testsCode) =>
        Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(testsCode).GetRoot().DescendantNodes().OfType<UsingDirectiveSyntax>()
            .Where(u => u.Alias is null && u.StaticKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None) && u.Name is not null)
            .Select(u => u.Name!.ToString());

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
