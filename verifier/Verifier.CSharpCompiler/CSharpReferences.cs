using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Verifier.CSharpCompiler;

/// <summary>
/// The only assemblies C# code compiles against: a fixed list from the verifier's own runtime (the sandbox image
/// carries the same runtime). Nothing in a submission can add one: <c>#r</c> is a script directive, an error in a
/// regular compilation. Each reference is read once per process; Roslyn caches its metadata from then on.
/// </summary>
internal static class CSharpReferences
{
    /// <summary>What submissions see: the base library, collections, LINQ, big integers, regular expressions, threads.</summary>
    public static readonly ImmutableArray<string> SubmissionAssemblies =
    [
        "System.Private.CoreLib",
        "System.Runtime",
        "System.Console",
        "System.Collections",
        "System.Collections.Concurrent",
        "System.Collections.Immutable",
        "System.Linq",
        "System.Memory",
        "System.Runtime.Numerics",
        "System.Text.RegularExpressions",
        "System.Threading",
        "System.Threading.Tasks.Parallel",
    ];

    /// <summary>The harness also reads and writes JSON.</summary>
    private static readonly ImmutableArray<string> HarnessExtras = ["System.Text.Json", "System.Text.Encodings.Web", "Microsoft.Win32.Primitives"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> SubmissionReferences = new(() => Load(SubmissionAssemblies));

    private static readonly Lazy<ImmutableArray<MetadataReference>> HarnessReferences = new(() => Load(SubmissionAssemblies.AddRange(HarnessExtras)));

    public static ImmutableArray<MetadataReference> Submission => SubmissionReferences.Value;

    public static ImmutableArray<MetadataReference> Harness => HarnessReferences.Value;

    private static ImmutableArray<MetadataReference> Load(IEnumerable<string> names)
    {
        // The runtime's own assemblies, wherever this process runs from (shared framework or self-contained publish).
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(Path.GetFileNameWithoutExtension, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key!, g => g.First(), StringComparer.OrdinalIgnoreCase);
        return [.. names.Select(name => platform.TryGetValue(name, out var path)
            ? (MetadataReference)MetadataReference.CreateFromFile(path)
            : throw new InvalidOperationException($"the runtime assembly {name} is not among this process's platform assemblies"))];
    }
}
