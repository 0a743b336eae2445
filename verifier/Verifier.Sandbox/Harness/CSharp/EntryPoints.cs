using System.Reflection;
using System.Text.Json;

namespace VerifierHarness;

/// <summary>A resolved call: the method, its target (null for a static method) and the converted arguments.</summary>
internal sealed record BoundCall(MethodInfo Method, object? Target, object?[] Arguments);

/// <summary>
/// Finds the entry point in the submission. <c>Class.Method</c>: the public class of that simple name (any namespace,
/// nested included). A bare <c>Method</c>: the public static method of that name in whichever public class declares it,
/// or else a public instance method of a class with a public parameterless constructor (the LeetCode shape); two
/// classes declaring it is an error that says which. Instance methods run on a fresh instance per call. Among overloads,
/// the first (in declaration order) whose parameters accept the arguments wins.
/// </summary>
internal static class EntryPoints
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.DeclaredOnly;

    public static BoundCall Bind(Assembly submission, string entry, JsonElement args)
    {
        if (args.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException("the arguments are not a JSON array");
        }

        var candidates = Candidates(submission, entry);
        var count = args.GetArrayLength();
        Exception? mismatch = null;
        foreach (var method in candidates.Where(m => Accepts(m, count)).OrderBy(m => m.MetadataToken))
        {
            object?[] arguments;
            try
            {
                arguments = JsonArguments.Convert(method.GetParameters(), args);
            }
            catch (ArgumentException e)
            {
                mismatch ??= e;
                continue;
            }

            var target = method.IsStatic ? null : Activator.CreateInstance(method.DeclaringType!);
            return new BoundCall(method, target, arguments);
        }

        throw mismatch ?? new ArgumentException(
            $"{entry} takes {string.Join(" or ", candidates.Select(m => m.GetParameters().Length).Distinct().Order())} arguments, not {count}");
    }

    private static List<MethodInfo> Candidates(Assembly submission, string entry)
    {
        var types = submission.GetExportedTypes().Where(t => !t.ContainsGenericParameters).ToList();
        var dot = entry.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            var owner = entry[..dot];
            var name = entry[(dot + 1)..];
            var owners = types.Where(t => t.Name == owner).ToList();
            if (owners.Count == 0)
            {
                throw new MissingMemberException($"no public class {owner} is defined");
            }

            if (owners.Count > 1)
            {
                throw new AmbiguousMatchException($"{owners.Count} public classes are named {owner}: {Names(owners)}");
            }

            var methods = Methods(owners[0], name, BindingFlags.Static | BindingFlags.Instance).ToList();
            return methods.Count > 0 ? methods : throw new MissingMethodException($"{owner} has no public method {name}");
        }

        foreach (var flags in new[] { BindingFlags.Static, BindingFlags.Instance })
        {
            var found = types.Select(t => (Type: t, Methods: Methods(t, entry, flags).ToList())).Where(f => f.Methods.Count > 0).ToList();
            if (found.Count > 1)
            {
                throw new AmbiguousMatchException(
                    $"{entry} is defined in {found.Count} public classes ({Names(found.Select(f => f.Type))}): name it as Class.{entry}");
            }

            if (found.Count == 1)
            {
                return found[0].Methods;
            }
        }

        throw new MissingMethodException($"no public class defines a public method {entry}");
    }

    private static IEnumerable<MethodInfo> Methods(Type type, string name, BindingFlags flags) =>
        type.GetMethods(Declared | flags).Where(m =>
            m.Name == name && !m.ContainsGenericParameters && !m.IsSpecialName &&
            (m.IsStatic || (!type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null)));

    private static bool Accepts(MethodInfo method, int count)
    {
        var parameters = method.GetParameters();
        return count <= parameters.Length && count >= parameters.Count(p => !p.IsOptional);
    }

    private static string Names(IEnumerable<Type> types) => string.Join(", ", types.Select(t => t.FullName).Order(StringComparer.Ordinal));
}
