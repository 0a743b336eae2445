using System.Collections.Frozen;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Verifier.CSharpCompiler;

/// <summary>
/// What candidate code may not touch, checked on the bound symbols (not the text, so aliases, <c>using static</c> and
/// fully qualified names are all seen). A C# <c>assert</c> run shares its process with the harness, which holds the
/// pass nonce; with no unsafe code, these are the remaining ways to read that process's memory, call native code
/// (which could make the process dumpable again and open <c>/proc/self/mem</c>), or reach into the harness and the
/// tests through reflection: P/Invoke and the interop namespace (<c>Marshal</c>, <c>NativeLibrary</c>,
/// <c>MemoryMarshal</c>, explicit layouts that overlay references), <c>Unsafe</c> and <c>[UnsafeAccessor]</c>,
/// unchecked vector loads, a reference forged from bytes (<c>RuntimeHelpers.Box</c>), reflection and
/// <c>Reflection.Emit</c>, and assembly loading; and everything that calls members by name at run time, which is
/// reflection by another door: <c>dynamic</c> (the C# runtime binder), expression trees, Visual Basic's late binding,
/// XSLT extension objects, and serializers that run non-public constructors. The tests' own process also decides the
/// verdict through <c>Debug.Assert</c>, so nothing may silence it: no <c>Trace.Listeners</c>, no <c>Debug.SetProvider</c>.
/// Everything else of the framework compiles: the sandbox contains what it does.
/// </summary>
internal static class ForbiddenApis
{
    public const string DiagnosticId = "VER0001";

    /// <summary>Namespaces refused as a whole (and everything beneath them).</summary>
    private static readonly string[] Namespaces =
    [
        "System.Reflection",
        "System.Runtime.InteropServices",
        "System.Runtime.Loader",
        "System.Runtime.Intrinsics",
        // Members called by name, private ones included (Expression.Call(type, "name"), Expression.Field), and compiled.
        "System.Linq.Expressions",
        "System.Dynamic",
        // The runtime binder, whose context type decides which private members a call site reaches.
        "Microsoft.CSharp",
        // Late binding: NewLateBinding.LateCall, Interaction.CallByName.
        "Microsoft.VisualBasic",
        // Extension objects: an XSLT stylesheet calls their methods by name.
        "System.Xml.Xsl",
        // Data contracts and ISerializable: non-public constructors and fields set from the input.
        "System.Runtime.Serialization",
    ];

    /// <summary>Types of otherwise allowed namespaces.</summary>
    private static readonly FrozenSet<string> Types = new[]
    {
        "System.Runtime.CompilerServices.Unsafe",
        "System.Runtime.CompilerServices.UnsafeAccessorAttribute",
        "System.Runtime.CompilerServices.UnsafeAccessorTypeAttribute",
        "System.Activator",
        "System.Diagnostics.StackTrace",
        "System.Diagnostics.StackFrame",
        // Call sites of the dynamic binder, built by hand.
        "System.Runtime.CompilerServices.CallSite",
        "System.Runtime.CompilerServices.CallSiteBinder",
        "System.Runtime.CompilerServices.CallSiteHelpers",
        "System.Runtime.CompilerServices.RuleCache",
        // Trace.Listeners.Clear() (or a listener of one's own) makes a failing Debug.Assert in the tests return.
        "System.Diagnostics.Trace",
        "System.Diagnostics.TraceListenerCollection",
        // The same through the debug provider (public in the runtime's implementation assemblies).
        "System.Diagnostics.DebugProvider",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Types of a refused namespace that expose nothing of memory or other code.</summary>
    private static readonly FrozenSet<string> Allowed = new[]
    {
        "System.Runtime.InteropServices.CollectionsMarshal",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Members of a refused type that say nothing but a name (<c>GetType().Name</c> is declared on MemberInfo).</summary>
    private static readonly FrozenSet<string> AllowedMembers = new[]
    {
        "System.Reflection.MemberInfo.Name",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Members, by simple name on any System type, that read or write memory at an unchecked offset, or hand out memory nobody cleared.</summary>
    private static readonly FrozenSet<string> Members = new[]
    {
        "LoadUnsafe", "StoreUnsafe", "AllocateUninitializedArray", "InvokeMember",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Members that reach code by name: a type loaded by name (an assembly the submission wrote into its writable
    /// directory, say) whose static constructor is then run, a delegate bound to any static method of a type, or an
    /// assembly executed from a file. Any of them would run code this check never saw. And two that undo what the
    /// check relies on: type safety (<c>RuntimeHelpers.Box</c>) and a failing <c>Debug.Assert</c> (<c>Debug.SetProvider</c>).
    /// </summary>
    private static readonly FrozenSet<string> QualifiedMembers = new[]
    {
        "System.Type.GetType", "System.Delegate.CreateDelegate",
        "System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor", "System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor",
        "System.AppDomain.ExecuteAssembly", "System.AppDomain.ExecuteAssemblyByName", "System.AppDomain.CreateInstance",
        "System.AppDomain.CreateInstanceAndUnwrap", "System.AppDomain.CreateInstanceFrom", "System.AppDomain.CreateInstanceFromAndUnwrap",
        // An object reference read from any bytes (a reference type's handle makes the bytes the reference itself).
        "System.Runtime.CompilerServices.RuntimeHelpers.Box",
        "System.Diagnostics.Debug.SetProvider",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Where the candidate uses something refused: one line per use, as compiler diagnostics read.</summary>
    public static IReadOnlyList<string> Find(CSharpCompilation compilation, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                var what = node switch
                {
                    MethodDeclarationSyntax m when m.Modifiers.Any(SyntaxKind.ExternKeyword) => "extern methods",
                    LocalFunctionStatementSyntax f when f.Modifiers.Any(SyntaxKind.ExternKeyword) => "extern methods",
                    FunctionPointerTypeSyntax => "function pointers",
                    SimpleNameSyntax or ImplicitObjectCreationExpressionSyntax => Refused(model.GetSymbolInfo(node, cancellationToken).Symbol),
                    _ => null,
                };
                if (what is not null)
                {
                    var line = node.GetLocation().GetLineSpan();
                    found.Add($"{line.Path}({line.StartLinePosition.Line + 1},{line.StartLinePosition.Character + 1}): error {DiagnosticId}: " +
                        $"{what} is not available to submissions (no native code, raw memory or reflection)");
                }
            }
        }

        return found;
    }

    /// <summary>The refused thing a symbol is or hands out, by name; null when it is allowed.</summary>
    private static string? Refused(ISymbol? symbol)
    {
        switch (symbol)
        {
            case null:
                return null;
            case ITypeSymbol type:
                return RefusedType(type);
            case IMethodSymbol { IsExtern: true } method when method.Locations.Any(l => l.IsInSource):
                return "extern methods";
        }

        var qualified = symbol.ContainingType is { } owner ? $"{owner.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None))}.{symbol.Name}" : symbol.Name;
        if (AllowedMembers.Contains(qualified))
        {
            return null;
        }

        if (QualifiedMembers.Contains(qualified))
        {
            return qualified;
        }

        if (Members.Contains(symbol.Name) && symbol.ContainingNamespace?.ToDisplayString().StartsWith("System", StringComparison.Ordinal) == true)
        {
            return $"{symbol.ContainingType?.ToDisplayString()}.{symbol.Name}";
        }

        // A member of a refused type, or one that hands out a refused type (Type.GetMethods() gives MethodInfo[]).
        var handedOut = symbol switch
        {
            IMethodSymbol method => method.ReturnType,
            IPropertySymbol property => property.Type,
            IFieldSymbol field => field.Type,
            IEventSymbol @event => @event.Type,
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };
        var containing = symbol is IMethodSymbol { ReducedFrom: { } extension } ? extension.ContainingType : symbol.ContainingType;
        return (containing is null ? null : RefusedType(containing)) ?? (handedOut is null ? null : RefusedType(handedOut));
    }

    private static string? RefusedType(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return RefusedType(array.ElementType);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "pointers";
            case IDynamicTypeSymbol:
                // Every member access on it is bound at run time, by name, past this check: reflection by another door.
                return "dynamic";
            case INamedTypeSymbol { IsGenericType: true } generic when generic.TypeArguments.Select(RefusedType).FirstOrDefault(r => r is not null) is { } argument:
                return argument;
        }

        var outermost = type;
        while (outermost.ContainingType is { } outer)
        {
            outermost = outer;
        }

        var name = outermost.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)
            .WithGenericsOptions(SymbolDisplayGenericsOptions.None));
        var space = outermost.ContainingNamespace?.ToDisplayString() ?? "";
        if (Allowed.Contains(name))
        {
            return null;
        }

        return Types.Contains(name) || Namespaces.Any(n => space == n || space.StartsWith(n + ".", StringComparison.Ordinal)) ? name : null;
    }
}
