using System.Text;
using Microsoft.Extensions.Options;
using Verifier.Core.Code;
using Verifier.Sandbox.Languages;
using Verifier.Sandbox.Languages.CSharp;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Roslyn;

/// <summary>The Roslyn side of C#, in the verifier: what each test kind ships, compile errors, and the compile budget.</summary>
public class CSharpCompileTests
{
    private const string Library = "public static class Solution { public static int Add(int a, int b) => a + b; }";

    /// <summary>One compiler worker serves every test with the default budget (each worker is a process that takes seconds to warm).</summary>
    private static readonly Lazy<CSharpLanguage> Default = new(() => Configured(null));

    private static CSharpLanguage Language(Action<CSharpCompilerOptions>? configure = null) => configure is null ? Default.Value : Configured(configure);

    private static CSharpLanguage Configured(Action<CSharpCompilerOptions>? configure)
    {
        var options = new SandboxOptions();
        options.CSharp.MaxConcurrentCompilations = 1;
        configure?.Invoke(options.CSharp);
        return new CSharpLanguage(Options.Create(options));
    }

    private static ValueTask<PrepareResult> Prepare(CSharpLanguage language, string code, CodeTests tests) =>
        language.PrepareAsync(new PrepareContext(code, tests, 2_000, 256), CancellationToken.None);

    [Fact]
    public async Task Prepare_Io_ShipsOnlyTheProgramAndItsRuntimeConfig()
    {
        var prepared = await Prepare(Language(), "Console.WriteLine(int.Parse(Console.ReadLine()!) * 2);", Prints("2"));

        var program = Assert.IsType<SandboxProgram>(prepared.Program);
        Assert.Equal(["main.dll", "main.runtimeconfig.json"], program.Files.Keys.Order());
        Assert.Equal(["dotnet", "main.dll"], program.Runner.Argv);
        Assert.Null(program.Compile);
        Assert.True(prepared.CompileMs > 0);
        Assert.Contains("\"System.Globalization.Invariant\":true", Encoding.UTF8.GetString(program.Files["main.runtimeconfig.json"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_Function_ShipsTheSubmissionAsALibraryWithTheHarnessServer()
    {
        var prepared = await Prepare(Language(), Library, Function("Add", ("[1, 2]", "3")));

        var program = Assert.IsType<SandboxProgram>(prepared.Program);
        Assert.Equal(["Submission.dll", "harness.dll", "harness.runtimeconfig.json"], program.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(RunnerKind.Rpc, program.Runner.Kind);
        Assert.Equal(["dotnet", "harness.dll", "serve"], program.Runner.Argv);
    }

    [Fact]
    public async Task Prepare_Assert_CompilesTheTestsAgainstTheSubmissionWithTheEntryPointInScope()
    {
        // The tests call Add bare: the entry point's class is imported for them.
        var prepared = await Prepare(Language(), Library, Checks("Add", "using System.Diagnostics;\nDebug.Assert(Add(2, 3) == 5);"));

        var program = Assert.IsType<SandboxProgram>(prepared.Program);
        Assert.Contains("Tests.dll", program.Files.Keys);
        Assert.Equal(["dotnet", "harness.dll", "check"], program.Runner.Argv);
        Assert.Equal(RunnerKind.Process, program.Runner.Kind);
    }

    [Fact]
    public async Task Prepare_WhenTheSubmissionDoesNotCompile_RejectsWithTheFirstDiagnostics()
    {
        var prepared = await Prepare(Language(), "Console.WriteLine(undefinedName);", Prints(""));

        Assert.Null(prepared.Program);
        Assert.Contains("main.cs(1,19): error CS0103", prepared.CompileError, StringComparison.Ordinal);
        Assert.Contains("undefinedName", prepared.CompileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_WhenTheTestsCallWhatTheSubmissionLacks_RejectsNamingTheTests()
    {
        var prepared = await Prepare(Language(), Library, Checks("Add", "System.Diagnostics.Debug.Assert(Solution.Subtract(3, 2) == 1);"));

        Assert.Null(prepared.Program);
        Assert.StartsWith("the tests do not compile against the submission", prepared.CompileError, StringComparison.Ordinal);
        Assert.Contains("Subtract", prepared.CompileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_WhenCodeAddsAReference_RejectsIt()
    {
        // #r is a script directive: a regular compilation refuses it, so the reference set is ours alone.
        var prepared = await Prepare(Language(), "#r \"/tmp/Evil.dll\"\nConsole.WriteLine(1);", Prints(""));

        Assert.Null(prepared.Program);
        Assert.Contains("error CS7011", prepared.CompileError, StringComparison.Ordinal);
    }

    /// <summary>
    /// What a console app compiles (the SDK's implicit usings, the whole Microsoft.NETCore.App) compiles here too: the
    /// network, JSON, processes, XML, dynamic, expression trees. What it may do when it runs is the sandbox's business.
    /// </summary>
    [Theory]
    [InlineData("using var client = new HttpClient();")]
    [InlineData("Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new List<int> { 1 }));")]
    [InlineData("using var socket = new System.Net.Sockets.TcpClient();")]
    [InlineData("System.Diagnostics.Process.Start(\"ls\")?.WaitForExit();")]
    [InlineData("Console.WriteLine(System.Xml.Linq.XElement.Parse(\"<a>1</a>\").Value);")]
    [InlineData("dynamic d = 1; Console.WriteLine(d + 1);")]
    [InlineData("System.Linq.Expressions.Expression<Func<int, int>> e = x => x + 1; Console.WriteLine(e.Compile()(1));")]
    [InlineData("Console.WriteLine(Microsoft.VisualBasic.Strings.StrReverse(\"abc\"));")]
    [InlineData("await File.WriteAllTextAsync(Path.GetTempFileName(), \"x\", CancellationToken.None);")]
    public async Task Prepare_WhatAConsoleAppCompiles_CompilesHere(string code)
    {
        var prepared = await Prepare(Language(), code, Prints(""));

        Assert.True(prepared.Program is not null, prepared.CompileError);
    }

    [Fact]
    public async Task Prepare_WhenTheAssemblyOutgrowsItsBudget_RejectsIt()
    {
        var source = new StringBuilder("public static class Big {\n");
        for (var i = 0; i < 3_000; i++)
        {
            source.Append("public static long M").Append(i).Append("(long x) => x * ").Append(i).Append(" + ").Append(i * 7).Append(";\n");
        }

        // A generous budget: this is about size, and 3,000 methods take seconds to compile on a busy machine.
        using var language = Language(o =>
        {
            o.MaxAssemblyKb = 64;
            o.CompileTimeMs = 60_000;
        });
        var prepared = await Prepare(language, source.Append('}').ToString(), Function("Big.M1", ("[1]", "8")));

        Assert.Null(prepared.Program);
        Assert.Equal("the compiled assembly exceeds 64 KB", prepared.CompileError);
    }

    [Fact]
    public async Task Prepare_WhenCompilationOutrunsItsTimeBudget_RejectsIt()
    {
        // Six levels (the most allowed) over five overloads: about 15,000 lambda bindings, far past 100 ms.
        using var language = Language(o => o.CompileTimeMs = 100);
        await language.WarmUpAsync(CancellationToken.None);

        var prepared = await Prepare(language, NestedLambdas(depth: 6, overloads: 5), Function("Slow.Run", ("[]", "null")));

        Assert.Null(prepared.Program);
        Assert.Equal("compilation exceeded its time limit (100 ms)", prepared.CompileError);
    }

    [Fact]
    public async Task Prepare_AfterARunawayCompilationWasKilled_TheOnlySlotServesTheNextSubmission()
    {
        // Seven overloads six deep: some 100,000 bindings, far past a second.
        using var language = Language(o => o.CompileTimeMs = 1_000);
        await language.WarmUpAsync(CancellationToken.None);
        var runaway = await Prepare(language, NestedLambdas(depth: 6, overloads: 7), Function("Slow.Run", ("[]", "null")));

        // The runaway's worker was killed at the deadline: the slot is free at once, and a new worker takes its place.
        var next = await Prepare(language, Library, Function("Add", ("[1, 2]", "3")));

        Assert.Equal("compilation exceeded its time limit (1000 ms)", runaway.CompileError);
        Assert.True(next.Program is not null, next.CompileError);
    }

    [Fact]
    public async Task Prepare_WhenLambdasNestDeeperThanAllowed_RejectsBeforeBinding()
    {
        var prepared = await Prepare(Language(), NestedLambdas(depth: 7, overloads: 3), Function("Slow.Run", ("[]", "null")));

        Assert.Null(prepared.Program);
        Assert.Equal("Submission.cs: lambdas nested 7 deep; at most 6 are compiled", prepared.CompileError);
    }

    [Fact]
    public async Task Prepare_WhenStringConstantsFoldToAHugeString_RejectsBeforeEmitting()
    {
        // Each constant is the previous one ten times: a8 would be a billion characters (20 s and 4 GB inside Roslyn).
        var code = new StringBuilder("public static class Bomb {\n const string a0 = \"xxxxxxxxxx\";\n");
        for (var i = 1; i <= 8; i++)
        {
            code.Append(" const string a").Append(i).Append(" = ").AppendJoin(" + ", Enumerable.Repeat($"a{i - 1}", 10)).Append(";\n");
        }

        code.Append(" public static int Length() { string s = (a8); return s.Length; }\n}");

        var prepared = await Prepare(Language(), code.ToString(), Function("Length", ("[]", "1")));

        Assert.Null(prepared.Program);
        Assert.Equal("Submission.cs: a string constant could fold to 1,000,000,000 characters; at most 1,000,000 are compiled", prepared.CompileError);
    }

    [Fact]
    public async Task Prepare_OrdinaryStringConstants_Compile()
    {
        const string code = "public static class Text { const string Greeting = \"Hello\"; const string Both = Greeting + \", \" + Greeting; public static string Get() => $\"{Both}!\"; }";

        var prepared = await Prepare(Language(), code, Function("Get", ("[]", "\"Hello, Hello!\"")));

        Assert.NotNull(prepared.Program);
    }

    [Fact]
    public async Task Prepare_NestedQueriesCountAsLambdaLevels()
    {
        var query = "from x0 in new[] { 1 } select x0";
        for (var i = 1; i < 7; i++)
        {
            query = $"from x{i} in new[] {{ 1 }} select ({query}).Count()";
        }

        var prepared = await Prepare(Language(), $"public static class Q {{ public static int Run() => ({query}).Count(); }}", Function("Q.Run", ("[]", "1")));

        Assert.Null(prepared.Program);
        Assert.StartsWith("Submission.cs: lambdas nested 7 deep", prepared.CompileError, StringComparison.Ordinal);
    }

    /// <summary>Overload resolution over nested lambdas: the work grows as overloads^depth.</summary>
    private static string NestedLambdas(int depth, int overloads)
    {
        var nested = new StringBuilder("M(x0 => { });");
        for (var i = 1; i < depth; i++)
        {
            nested.Insert(0, $"M(x{i} => {{ ").Append(" });");
        }

        string[] types = ["int", "string", "long", "double", "char", "byte", "short"];
        var methods = string.Concat(types.Take(overloads).Select(t => $" static void M(Action<{t}> a) {{ }}\n"));
        return $"public static class Slow {{\n{methods} public static void Run() {{ {nested} }}\n}}";
    }

    [Fact]
    public async Task WarmUp_CompilesTheHarnessThatEveryFunctionRunShips()
    {
        using var language = Configured(null);
        await language.WarmUpAsync(CancellationToken.None);

        var first = await Prepare(language, Library, Function("Add", ("[1, 2]", "3")));
        var second = await Prepare(language, Library + " ", Function("Add", ("[1, 2]", "3")));

        Assert.Same(first.Program!.Files["harness.dll"], second.Program!.Files["harness.dll"]);
    }
}
