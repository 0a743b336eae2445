using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Verdicts;

/// <summary>Every verdict of a C# io submission, compiled by the verifier and run on the sandbox's .NET runtime.</summary>
[Collection(SandboxCollection.Name)]
public class CSharpVerdictTests(SharedSandbox shared)
{
    private const string Sum = "var parts = Console.ReadLine()!.Split(' ');\nConsole.WriteLine(long.Parse(parts[0]) + long.Parse(parts[1]));\n";

    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    [Fact]
    public async Task Verify_TopLevelStatements_WhenOutputsMatch_ReturnsAccepted()
    {
        var verdict = await _sandbox.VerifyAsync(CSharp(Sum, Io(("1 2", "3"), ("4000000000 4000000000", "8000000000"))));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Equal(1.0, verdict.Reward);
        Assert.Equal(2, verdict.TestsRun);
        Assert.True(verdict.CompileMs > 0);
    }

    [Fact]
    public async Task Verify_ClassicMain_ReturnsAccepted()
    {
        const string code = "using System;\nnamespace App {\n  class Program {\n    static void Main(string[] args) {\n      var n = int.Parse(Console.ReadLine());\n      Console.WriteLine(n * n);\n    }\n  }\n}\n";

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Io(("12", "144"))));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_WhenOutputDiffers_ReturnsWrongAnswer()
    {
        var verdict = await _sandbox.VerifyAsync(CSharp(Sum, Io(("1 2", "4"))));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Equal("3\n", verdict.Tests[0].Output);
    }

    [Fact]
    public async Task Verify_WhenCodeDoesNotCompile_ReturnsCompileErrorWithDiagnostics()
    {
        var verdict = await _sandbox.VerifyAsync(CSharp("Console.WriteLine(undefinedName);", Io(("", ""))));

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Equal(0.0, verdict.Reward);
        Assert.Contains("error CS0103", verdict.Reason, StringComparison.Ordinal);
        Assert.Empty(verdict.Tests);
    }

    [Fact]
    public async Task Verify_WhenAnExceptionEscapes_ReturnsRuntimeErrorNamingIt()
    {
        var verdict = await _sandbox.VerifyAsync(CSharp("throw new InvalidOperationException(\"boom\");", Io(("", ""))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Contains("InvalidOperationException: boom", verdict.Tests[0].Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenNonZeroExit_ReturnsRuntimeError()
    {
        var verdict = await _sandbox.VerifyAsync(CSharp("return 3;", Io(("", ""))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Equal(3, verdict.Tests[0].ExitCode);
    }

    [Fact]
    public async Task Verify_WhenLooping_ReturnsTimeLimit()
    {
        var verdict = await _sandbox.VerifyAsync(CSharp("long x = 0; while (true) { x++; }", Io(("", "")), timeMs: 500));

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_WhenAllocatingPastLimit_ReturnsMemoryLimit()
    {
        const string code = "var keep = new List<byte[]>();\nfor (var i = 0; i < 4096; i++) { var block = new byte[1 << 20]; for (var j = 0; j < block.Length; j += 4096) block[j] = 1; keep.Add(block); }\nConsole.WriteLine(\"done\");";

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Io(("", "done")), memoryMb: 128));

        Assert.Equal(CodeVerdictKind.MemoryLimit, verdict.Verdict);
    }

    [Fact]
    public async Task Verify_WhenPrintingForever_ReturnsOutputLimit()
    {
        var verdict = await _sandbox.VerifyAsync(CSharp("while (true) Console.WriteLine(\"spam spam spam\");", Io(("", ""))));

        Assert.Equal(CodeVerdictKind.OutputLimit, verdict.Verdict);
    }
}
