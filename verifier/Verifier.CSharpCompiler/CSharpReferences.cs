using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace Verifier.CSharpCompiler;

/// <summary>Where a reference set comes from (said in words) and its assembly files.</summary>
internal sealed record ReferenceSet(string Origin, ImmutableArray<string> Paths);

/// <summary>
/// What C# code compiles against: the whole reference set of a console app on this runtime (the shared framework
/// Microsoft.NETCore.App), as <c>dotnet build</c> gives it, so a program the SDK accepts compiles here. The SDK's
/// targeting pack (<c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net&lt;major.minor&gt;/*.dll</c>, the reference
/// assemblies a console project compiles against) is preferred, looked for under <c>DOTNET_ROOT</c>, beside the runtime
/// this process runs on, and beside the <c>dotnet</c> on PATH. Where there is no SDK (a self-contained publish on a
/// runtime-only image), the runtime's own implementation assemblies of Microsoft.NETCore.App stand in: the same public
/// API plus some types the reference assemblies hide. Either way, what keeps a program in is the sandbox it runs in
/// (and, for <c>assert</c> candidates, <see cref="ForbiddenApis"/>), not this list. Nothing in a submission can add a
/// reference: <c>#r</c> is a script directive, an error in a regular compilation. The set is found and read once per
/// process; Roslyn caches each reference's metadata from then on.
/// </summary>
internal static class CSharpReferences
{
    private const string Framework = "Microsoft.NETCore.App";

    private static readonly Lazy<ReferenceSet> Located = new(() => Locate(DotnetRoots()));

    private static readonly Lazy<ImmutableArray<MetadataReference>> Loaded = new(() =>
        [.. Located.Value.Paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))]);

    /// <summary>The references every compilation of this process uses (submissions, tests and the harness alike).</summary>
    public static ImmutableArray<MetadataReference> All => Loaded.Value;

    /// <summary>Which set <see cref="All"/> is, in words: the targeting pack's folder, or the runtime's and why.</summary>
    public static string Origin => Located.Value.Origin;

    /// <summary>The targeting pack for this runtime's major.minor under the first root that has one, else the runtime's assemblies.</summary>
    internal static ReferenceSet Locate(IReadOnlyList<string> dotnetRoots)
    {
        foreach (var root in dotnetRoots)
        {
            if (TargetingPack(root) is { } pack)
            {
                return new ReferenceSet($"the targeting pack {pack}", [.. Directory.GetFiles(pack, "*.dll").Order(StringComparer.Ordinal)]);
            }
        }

        var why = $"no {Framework}.Ref {Environment.Version.Major}.{Environment.Version.Minor} targeting pack under {(dotnetRoots.Count == 0 ? "any .NET root" : string.Join(", ", dotnetRoots))}";
        return RuntimeAssemblies(why);
    }

    /// <summary>Where an SDK may be: DOTNET_ROOT, the root of the shared runtime this process runs on, the folder of the dotnet on PATH.</summary>
    internal static IReadOnlyList<string> DotnetRoots()
    {
        var roots = new List<string?> { Environment.GetEnvironmentVariable("DOTNET_ROOT") };
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        if (runtime.Parent is { Name: Framework, Parent: { Name: "shared", Parent: { } root } })
        {
            roots.Add(root.FullName);
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var dotnet = new FileInfo(Path.Combine(folder, "dotnet"));
            if (dotnet.Exists)
            {
                roots.Add(Path.GetDirectoryName((dotnet.ResolveLinkTarget(returnFinalTarget: true) ?? dotnet).FullName));
                break;
            }
        }

        return [.. roots.Where(r => !string.IsNullOrEmpty(r)).Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r!))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The newest <c>ref/netM.m</c> folder of this runtime's major.minor under a root's targeting packs, or null.</summary>
    private static string? TargetingPack(string root)
    {
        var packs = new DirectoryInfo(Path.Combine(root, "packs", $"{Framework}.Ref"));
        if (!packs.Exists)
        {
            return null;
        }

        var tfm = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        return packs.EnumerateDirectories()
            .Select(d => (Folder: Path.Combine(d.FullName, "ref", tfm), Version: PackVersion(d.Name)))
            .Where(p => p.Version is { } v && v.Number.Major == Environment.Version.Major && v.Number.Minor == Environment.Version.Minor
                && File.Exists(Path.Combine(p.Folder, "System.Runtime.dll")))
            .OrderByDescending(p => p.Version!.Value.Number).ThenByDescending(p => p.Version!.Value.Release)
            .Select(p => p.Folder)
            .FirstOrDefault();
    }

    /// <summary>A pack folder's version (<c>10.0.12</c>, <c>10.0.0-rc.2.25502.107</c>); a release sorts above its previews.</summary>
    private static (Version Number, bool Release)? PackVersion(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return Version.TryParse(dash < 0 ? name : name[..dash], out var number) ? (number, dash < 0) : null;
    }

    /// <summary>
    /// The implementation assemblies of the Microsoft.NETCore.App this process runs on: the shared framework's folder
    /// (a framework-dependent app), or, in a self-contained one, the runtime pack's assemblies among the app's own, as
    /// the app's deps file lists them.
    /// </summary>
    private static ReferenceSet RuntimeAssemblies(string why)
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        if (new DirectoryInfo(runtime).Parent is { Name: Framework, Parent.Name: "shared" })
        {
            return new ReferenceSet($"the runtime's implementation assemblies in {runtime} ({why})",
                [.. Directory.GetFiles(runtime, "*.dll").Order(StringComparer.Ordinal)]);
        }

        var names = FrameworkAssemblyNames(((string?)AppContext.GetData("APP_CONTEXT_DEPS_FILES") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries));
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => names.Contains(Path.GetFileName(path)))
            .DistinctBy(path => Path.GetFileName(path), StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
        return paths.Any(p => Path.GetFileName(p) == "System.Runtime.dll")
            ? new ReferenceSet($"the runtime's implementation assemblies of this self-contained app in {runtime} ({why})", paths)
            : throw new InvalidOperationException($"C# has nothing to compile against: {why}, and no {Framework} assemblies among this process's platform assemblies");
    }

    /// <summary>The file names of the runtime pack's managed assemblies, from the deps files the host loaded this process with.</summary>
    internal static HashSet<string> FrameworkAssemblyNames(IEnumerable<string> depsFiles)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var depsFile in depsFiles.Where(File.Exists))
        {
            using var deps = JsonDocument.Parse(File.ReadAllBytes(depsFile));
            if (!deps.RootElement.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            foreach (var library in targets.EnumerateObject().SelectMany(target => target.Value.EnumerateObject()))
            {
                // "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/10.0.12" in a self-contained app's deps file.
                var id = library.Name.Split('/')[0];
                if ((id.StartsWith($"runtimepack.{Framework}.Runtime.", StringComparison.Ordinal) || id.StartsWith($"{Framework}.Runtime.", StringComparison.Ordinal))
                    && library.Value.TryGetProperty("runtime", out var assets))
                {
                    names.UnionWith(assets.EnumerateObject().Select(asset => Path.GetFileName(asset.Name)));
                }
            }
        }

        return names;
    }
}
