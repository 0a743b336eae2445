using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verifier.CSharpCompiler;

namespace Verifier.Sandbox.Tests.Roslyn;

/// <summary>
/// What C# compiles against: the whole Microsoft.NETCore.App reference set of a console app, from the SDK's targeting
/// pack where there is one (here and in CI), else from the runtime's own assemblies; both compile the same programs.
/// </summary>
public sealed class CSharpReferencesTests : IDisposable
{
    /// <summary>A console program reaching into assemblies the old trimmed list left out, with the SDK's implicit usings.</summary>
    private const string ConsoleApp = """
        using System.Collections.Immutable;
        using System.Net.Sockets;
        using System.Numerics;
        using System.Security.Cryptography;
        using System.Text.Json;
        using System.Text.RegularExpressions;
        using System.Xml.Linq;

        var numbers = new List<int> { 1, 2 };
        await Task.Yield();
        using var http = new HttpClient();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Console.WriteLine(JsonSerializer.Serialize(numbers) + ImmutableArray.Create(1).Length + BigInteger.One + Regex.IsMatch("a", "a")
            + SHA256.HashData(new byte[1]).Length + new XElement("x").Name + File.Exists("x") + System.Diagnostics.Process.GetCurrentProcess().Id);
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("references-").FullName;

    private static string Tfm => $"net{Environment.Version.Major}.{Environment.Version.Minor}";

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void All_WhereTheSdkIsInstalled_IsItsTargetingPackForThisRuntime()
    {
        // This machine and CI have the SDK: the reference assemblies of a console project, as dotnet build uses them.
        Assert.StartsWith("the targeting pack ", CSharpReferences.Origin, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("packs", "Microsoft.NETCore.App.Ref"), CSharpReferences.Origin, StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("ref", Tfm), CSharpReferences.Origin, StringComparison.Ordinal);
        Assert.True(CSharpReferences.All.Length > 150, $"{CSharpReferences.All.Length} references");
        Assert.Empty(Compile(ConsoleApp, CSharpReferences.All));
    }

    [Fact]
    public void Locate_PrefersTheNewestTargetingPackOfThisRuntimesMajorMinor()
    {
        var major = Environment.Version.Major;
        var minor = Environment.Version.Minor;
        Pack($"{major}.{minor}.1", Tfm);
        Pack($"{major}.{minor}.3", Tfm);
        Pack($"{major}.{minor}.9", Tfm, withRuntime: false); // not a pack: no System.Runtime.dll
        Pack($"{major}.{minor + 1}.0", $"net{major}.{minor + 1}");
        Pack($"{major + 1}.0.0", $"net{major + 1}.0");

        var located = CSharpReferences.Locate([Path.Combine(_root, "missing"), _root]);

        var expected = Path.Combine(_root, "packs", "Microsoft.NETCore.App.Ref", $"{major}.{minor}.3", "ref", Tfm);
        Assert.Equal($"the targeting pack {expected}", located.Origin);
        Assert.Equal([Path.Combine(expected, "System.Runtime.dll")], located.Paths);
    }

    [Fact]
    public void Locate_WithoutATargetingPack_FallsBackToTheRuntimesAssemblies_WhichCompileTheSameProgram()
    {
        var located = CSharpReferences.Locate([_root]);

        Assert.StartsWith("the runtime's implementation assemblies in ", located.Origin, StringComparison.Ordinal);
        Assert.Contains($"no Microsoft.NETCore.App.Ref {Environment.Version.Major}.{Environment.Version.Minor} targeting pack under {_root}", located.Origin, StringComparison.Ordinal);
        var names = located.Paths.Select(Path.GetFileName).ToHashSet();
        Assert.Contains("System.Private.CoreLib.dll", names);
        Assert.Contains("System.Text.Json.dll", names);
        Assert.Contains("System.Net.Sockets.dll", names);
        Assert.Empty(Compile(ConsoleApp, [.. located.Paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))]));
    }

    [Fact]
    public void FrameworkAssemblyNames_OfASelfContainedApp_AreTheRuntimePacksAssembliesOnly()
    {
        // A self-contained publish lists the runtime pack among the app's own libraries (Roslyn here), in one deps file.
        var deps = Path.Combine(_root, "app.deps.json");
        File.WriteAllText(deps, """
            {
              "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0/linux-x64" },
              "targets": {
                ".NETCoreApp,Version=v10.0": {},
                ".NETCoreApp,Version=v10.0/linux-x64": {
                  "App/1.0.0": { "runtime": { "App.dll": {} } },
                  "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/10.0.12": {
                    "runtime": { "System.Private.CoreLib.dll": {}, "System.Runtime.dll": {}, "System.Text.Json.dll": {} },
                    "native": { "libcoreclr.so": {} }
                  },
                  "runtimepack.Microsoft.AspNetCore.App.Runtime.linux-x64/10.0.12": { "runtime": { "Microsoft.AspNetCore.dll": {} } },
                  "Microsoft.CodeAnalysis.CSharp/5.12.0": { "runtime": { "lib/net9.0/Microsoft.CodeAnalysis.CSharp.dll": {} } }
                }
              }
            }
            """);

        var names = CSharpReferences.FrameworkAssemblyNames([deps, Path.Combine(_root, "absent.deps.json")]);

        Assert.Equal(["System.Private.CoreLib.dll", "System.Runtime.dll", "System.Text.Json.dll"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DebugSetProvider_WhichOnlyTheRuntimesAssembliesExpose_IsRefusedInCandidates()
    {
        // The targeting pack hides DebugProvider; the runtime's CoreLib (the fallback) makes it public. A provider whose
        // Fail returns turns every failing Debug.Assert in the tests into a pass, so candidates may not install one.
        const string candidate = """
            public static class Solution
            {
                public static int Add(int a, int b) { System.Diagnostics.Debug.SetProvider(new Quiet()); return 0; }
            }

            public sealed class Quiet : System.Diagnostics.DebugProvider
            {
                public override void Fail(string message, string detailMessage) { }
            }
            """;
        var runtime = CSharpReferences.Locate([_root]).Paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        var compilation = Compilation(candidate, runtime, OutputKind.DynamicallyLinkedLibrary);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var refused = ForbiddenApis.Find(compilation, CancellationToken.None);

        Assert.Contains(refused, r => r.Contains("VER0001: System.Diagnostics.Debug.SetProvider", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.Contains("VER0001: System.Diagnostics.DebugProvider", StringComparison.Ordinal));
    }

    private void Pack(string version, string tfm, bool withRuntime = true)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "packs", "Microsoft.NETCore.App.Ref", version, "ref", tfm)).FullName;
        if (withRuntime)
        {
            File.WriteAllBytes(Path.Combine(folder, "System.Runtime.dll"), []);
        }
    }

    private static List<Diagnostic> Compile(string code, IReadOnlyList<MetadataReference> references) =>
        [.. Compilation(code, references, OutputKind.ConsoleApplication).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];

    private static CSharpCompilation Compilation(string code, IReadOnlyList<MetadataReference> references, OutputKind kind)
    {
        var usings = string.Concat(RoslynCompiler.ImplicitUsings.Select(n => $"global using {n};\n"));
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        return CSharpCompilation.Create("check", [CSharpSyntaxTree.ParseText(code, parse, "Program.cs", Encoding.UTF8), CSharpSyntaxTree.ParseText(usings, parse, "Usings.cs", Encoding.UTF8)],
            references, new CSharpCompilationOptions(kind));
    }
}
