using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.TestKinds;

/// <summary>C# <c>function</c> tests (the harness server calls the entry point) and <c>assert</c> tests (a test program of its own).</summary>
[Collection(SandboxCollection.Name)]
public class CSharpTestKindTests(SharedSandbox shared)
{
    private const string Library = """
        using System.Collections.Generic;
        using System.Linq;

        public static class Solution
        {
            public static long Add(long a, long b) => a + b;

            public static int[] Doubled(List<int> values) => values.Select(v => v * 2).ToArray();

            public static Dictionary<string, int> Lengths(string[] words) => words.Distinct().ToDictionary(w => w, w => w.Length);

            public static (int, string) Pair(int n) => (n, n.ToString());

            public static double Half(int n) => n / 2.0;

            public static bool Contains(IReadOnlyList<string> items, char c) => items.Any(i => i.Contains(c));
        }
        """;

    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    [Fact]
    public async Task Function_BareEntryPoint_ConvertsArgumentsAndComparesReturnValues()
    {
        var verdict = await _sandbox.VerifyAsync(CSharp(Library, Function("Add", ("[1, 2]", "3"), ("[4000000000, 4000000000]", "8000000000"))));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
        Assert.Equal(2, verdict.TestsRun);
    }

    [Theory]
    [InlineData("Solution.Doubled", "[[1, 2, 3]]", "[2, 4, 6]")]
    [InlineData("Solution.Lengths", "[[\"ab\", \"abc\", \"ab\"]]", "{\"ab\": 2, \"abc\": 3}")]
    [InlineData("Solution.Pair", "[7]", "[7, \"7\"]")]
    [InlineData("Solution.Half", "[3]", "1.5")]
    [InlineData("Solution.Contains", "[[\"xy\", \"z\"], \"z\"]", "true")]
    public async Task Function_CollectionsTuplesAndChars_RoundTripThroughJson(string entry, string args, string expected)
    {
        var verdict = await _sandbox.VerifyAsync(CSharp(Library, Function(entry, (args, expected))));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Function_InstanceMethodOfAClass_RunsOnAFreshInstance()
    {
        // The LeetCode shape: a public class Solution with an instance method.
        const string code = "public class Solution { private int _calls; public int TwoSum(int[] nums, int target) { _calls++; for (var i = 0; i < nums.Length; i++) for (var j = i + 1; j < nums.Length; j++) if (nums[i] + nums[j] == target) return i * 10 + j + _calls - 1; return -1; } }";

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Function("Solution.TwoSum", ("[[2, 7, 11, 15], 9]", "1"), ("[[3, 2, 4], 6]", "12")), runAll: true));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Function_WhenTheReturnValueDiffers_ReturnsWrongAnswer()
    {
        var verdict = await _sandbox.VerifyAsync(CSharp(Library, Function("Add", ("[1, 2]", "4"))));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Equal("3", verdict.Tests[0].Output);
    }

    [Fact]
    public async Task Function_WhenItThrows_ReturnsRuntimeErrorNamingTheException()
    {
        const string code = "public static class Solution { public static int F(int x) => throw new ArgumentOutOfRangeException(nameof(x), \"too big\"); }";

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Function("F", ("[1]", "1"))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.StartsWith("ArgumentOutOfRangeException: too big", verdict.Tests[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_WhenTheProcessExitsWithZero_ReturnsRuntimeError()
    {
        const string code = "public static class Solution { public static int F(int x) { Environment.Exit(0); return x; } }";

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Function("F", ("[1]", "1"))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Contains("exited with code 0", verdict.Tests[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_WhenLooping_ReturnsTimeLimit()
    {
        const string code = "public static class Solution { public static int F(int x) { while (true) { x++; } } }";

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Function("F", ("[1]", "1")), timeMs: 500));

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
    }

    [Fact]
    public async Task Function_WhenTheReturnValueIsAnObject_ReturnsWrongAnswer()
    {
        // An object with a lying Equals never leaves the sandbox: only plain data does.
        const string code = "public sealed class Liar { public override bool Equals(object o) => true; public override int GetHashCode() => 0; }\npublic static class Solution { public static object F(int x) => new Liar(); }";

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Function("F", ("[1]", "1"))));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Contains("not plain JSON", verdict.Tests[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Subtract", "no public class defines a public method Subtract")]
    [InlineData("Add", "Add is defined in 2 public classes")]
    public async Task Function_WhenTheEntryPointIsMissingOrAmbiguous_SaysSo(string entry, string reason)
    {
        const string code = "public static class A { public static int Add(int a, int b) => a + b; }\npublic static class B { public static int Add(int a, int b) => a + b; }";

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Function(entry, ("[1, 2]", "3"))));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Contains(reason, verdict.Tests[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assert_WhenEveryCheckHolds_ReturnsAccepted()
    {
        const string tests = "using System.Diagnostics;\nDebug.Assert(Add(2, 3) == 5);\nDebug.Assert(Solution.Doubled(new List<int> { 1 })[0] == 2);\nConsole.WriteLine(\"checked\");";

        var verdict = await _sandbox.VerifyAsync(CSharp(Library, Checks("Add", tests)));

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task Assert_WhenACheckFails_ReturnsWrongAnswer()
    {
        const string tests = "using System.Diagnostics;\nDebug.Assert(Add(2, 3) == 5);\nDebug.Assert(Add(2, 2) == 5, \"2 + 2 is not 5\");";

        var verdict = await _sandbox.VerifyAsync(CSharp(Library, Checks("Add", tests)));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
    }

    [Fact]
    public async Task Assert_WhenTheTestsThrow_ReturnsWrongAnswerWithTheException()
    {
        const string tests = "if (Add(2, 2) != 5) throw new Exception(\"expected 5\");";

        var verdict = await _sandbox.VerifyAsync(CSharp(Library, Checks("Add", tests)));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
        Assert.Contains("expected 5", verdict.Tests[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    // Exits with 0 before the checks run.
    [InlineData("public static class Solution { public static long Add(long a, long b) { Environment.Exit(0); return 0; } }")]
    // Prints a forged success and ends the process from a handler that runs on exit.
    [InlineData("public static class Solution { public static long Add(long a, long b) { AppDomain.CurrentDomain.ProcessExit += (_, _) => Console.WriteLine(\"passed\"); Console.WriteLine(\"All tests passed\"); Environment.Exit(0); return 0; } }")]
    // Ends the process as soon as the tests touch the submission, before any of their code runs.
    [InlineData("using System.Runtime.CompilerServices;\npublic static class Solution { [ModuleInitializer] internal static void Init() => Environment.Exit(0); public static long Add(long a, long b) => 0; }")]
    public async Task Assert_WhenTheSubmissionEndsTheProcessBeforeTheChecksFinish_IsNotAccepted(string code)
    {
        const string tests = "using System.Diagnostics;\nDebug.Assert(Add(2, 3) == 5);";

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Checks("Add", tests)));

        Assert.Equal(CodeVerdictKind.RuntimeError, verdict.Verdict);
        Assert.Equal(0.0, verdict.Reward);
    }

    [Fact]
    public async Task Assert_WhenLooping_ReturnsTimeLimit()
    {
        const string code = "public static class Solution { public static long Add(long a, long b) { while (true) { a++; } } }";

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Checks("Add", "System.Diagnostics.Debug.Assert(Add(2, 3) == 5);"), timeMs: 500));

        Assert.Equal(CodeVerdictKind.TimeLimit, verdict.Verdict);
    }

    [Fact]
    public async Task Assert_WhenTheTestsNeedWhatTheSubmissionLacks_ReturnsCompileError()
    {
        var verdict = await _sandbox.VerifyAsync(CSharp(Library, Checks("Add", "System.Diagnostics.Debug.Assert(Solution.Multiply(2, 3) == 6);")));

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Contains("Multiply", verdict.Reason, StringComparison.Ordinal);
    }

    /// <summary>MultiPL-E's C# layout: an internal <c>class Problem</c> with a driver of its own, tests in a Main that call the entry point bare.</summary>
    private const string MultiplEProblem =
        "using System;\nusing System.Collections.Generic;\nclass Problem {\n    public static bool HasCloseElements(List<float> numbers, float threshold) {\n" +
        "        for (int i = 0; i < numbers.Count; i++) for (int j = i + 1; j < numbers.Count; j++) if (Math.Abs(numbers[i] - numbers[j]) < threshold) return true;\n" +
        "        return false;\n    }\n    public static void Main(string[] args) { Console.WriteLine(HasCloseElements(new List<float> { 1f, 2f }, 0.5f)); }\n}\n";

    private const string MultiplETests =
        "using System;\nusing System.Diagnostics;\nusing System.Collections.Generic;\nclass MultiplETests {\n    public static void Main(string[] args) {\n" +
        "    Debug.Assert(HasCloseElements(new List<float>(new float[]{1.0f, 2.0f, 3.9f, 4.0f, 5.0f, 2.2f}), 0.3f) == true);\n" +
        "    Debug.Assert(HasCloseElements(new List<float>(new float[]{1.0f, 2.0f, 3.9f, 4.0f, 5.0f, 2.2f}), 0.05f) == false);\n    }\n}\n";

    [Fact]
    public async Task Assert_InMultiplELayout_TheTestsSeeTheInternalClass()
    {
        var verdict = await _sandbox.VerifyAsync(CSharp(MultiplEProblem, Checks("HasCloseElements", MultiplETests)));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, Languages.LanguageVerdictTests.Describe(verdict));
    }

    [Fact]
    public async Task Assert_InMultiplELayout_AWrongInternalSolutionFails()
    {
        var wrong = MultiplEProblem.Replace("< threshold", "> threshold", StringComparison.Ordinal);

        var verdict = await _sandbox.VerifyAsync(CSharp(wrong, Checks("HasCloseElements", MultiplETests)));

        Assert.Equal(CodeVerdictKind.WrongAnswer, verdict.Verdict);
    }

    [Fact]
    public async Task Assert_AGlobalExtensionTheTestsNeverName_StillCompiles()
    {
        // Only extension methods the tests could bind to are refused (see CSharpShadowingTests): a helper of the solution's own is fine.
        const string code = "static class Helpers { public static int Twice(this int x) => 2 * x; }\npublic static class Solution { public static int Add(int a, int b) => a + b.Twice() - b; }";

        var verdict = await _sandbox.VerifyAsync(CSharp(code, Checks("Add", "System.Diagnostics.Debug.Assert(Add(2, 3) == 5);")));

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, Languages.LanguageVerdictTests.Describe(verdict));
    }
}
