using System.Text;
using Verifier.Core.Code;
using Verifier.Core.Code.Files;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Files;

/// <summary>Extra files in the working directory, one language per family: interpreted, compiled in the sandbox, compiled by Roslyn.</summary>
[Collection(SandboxCollection.Name)]
public class ExtraFilesTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    private static CodeFile File(string path, string content) => new(path, Encoding.UTF8.GetBytes(content));

    [Fact]
    public async Task Python_ImportsAModuleAndReadsADataFileInASubdirectory()
    {
        var request = Python(
            "import helper\nwith open('data/numbers.txt') as f:\n    print(helper.total(f.read()) + int(input()))\n",
            Io(("1", "16"), ("10", "25"))) with
        {
            Files = [File("helper.py", "def total(text):\n    return sum(map(int, text.split()))\n"), File("data/numbers.txt", "4 5 6\n")],
        };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.Equal(CodeVerdictKind.Accepted, verdict.Verdict);
    }

    [Fact]
    public async Task PythonFunctionTests_ImportTheTasksModule_ButNeverInPlaceOfAStandardOne()
    {
        // A file named like a standard module (json.py) must not replace it, for the submission or its server.
        var request = Python("import helper, json\ndef f(x):\n    return [helper.twice(x), json.dumps(x)]\n", Function("f", ("[21]", "[42, \"21\"]"))) with
        {
            Files = [File("helper.py", "def twice(x):\n    return 2 * x\n"), File("json.py", "def dumps(x):\n    return 'forged'\n")],
        };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, verdict.Reason);
    }

    [Fact]
    public async Task Python_ADirectoryReplacedByASymlink_IsRestoredInsideTheJobBeforeTheNextTest()
    {
        // Test 1 swaps the extra file's directory for a symlink to a directory outside the job; before test 2 the
        // supervisor must make it a real directory again, never write through the link.
        const string code = """
            import os, shutil
            if input() == 'swap':
                os.makedirs('/tmp/outside', exist_ok=True)
                shutil.rmtree('data')
                os.symlink('/tmp/outside', 'data')
                print('swapped')
            else:
                print(os.path.islink('data'), open('data/numbers.txt').read().strip(), os.listdir('/tmp/outside'))
            """;
        var request = Python(code, Io(("swap", "swapped"), ("look", "False 4 5 6 []")), runAll: true) with { Files = [File("data/numbers.txt", "4 5 6\n")] };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, verdict.Reason);
    }

    [Fact]
    public async Task Cpp_IncludesAHeaderAndReadsADataFileAtRunTime()
    {
        const string code = """
            #include <fstream>
            #include <iostream>
            #include "include/util.h"
            int main() { std::ifstream in("input/data.txt"); int a, b; in >> a >> b; int c; std::cin >> c; std::cout << twice(a + b) + c << "\n"; }
            """;
        var request = Cpp(code, Io(("1", "21"))) with
        {
            Files = [File("include/util.h", "inline int twice(int x) { return 2 * x; }\n"), File("input/data.txt", "3 7\n")],
        };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, verdict.Reason);
    }

    [Fact]
    public async Task Cpp_ASecondSourceFileIsCompiledAndLinked_MainIncluded()
    {
        // The submission is a library; main lives in the task's own file.
        var request = Cpp("int solve(int a, int b) { return a * b; }\n", Io(("6 7", "42"))) with
        {
            Files = [File("driver.cpp", "#include <iostream>\nint solve(int, int);\nint main() { int a, b; std::cin >> a >> b; std::cout << solve(a, b) << '\\n'; }\n")],
        };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, verdict.Reason);
    }

    [Fact]
    public async Task CSharp_ReadsADataFileBesideItsAssembly()
    {
        var request = CSharp("var words = System.IO.File.ReadAllText(\"words.txt\").Split(' ');\nSystem.Console.WriteLine(words.Length + int.Parse(System.Console.ReadLine()!));\n", Io(("1", "4"))) with
        {
            Files = [File("words.txt", "a b c")],
        };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, verdict.Reason);
    }

    [Fact]
    public async Task CSharp_ASecondSourceFileIsCompiledWithTheSubmission_MainIncluded()
    {
        // Roslyn compiles in the verifier: the task's Main and helper join the submission's compilation.
        var request = CSharp("public static class Solver { public static int Solve(int n) => Helpers.Twice(n) + 1; }\n", Io(("20", "41"))) with
        {
            Files =
            [
                File("Driver.cs", "public static class Driver { public static void Main() => System.Console.WriteLine(Solver.Solve(int.Parse(System.Console.ReadLine()!))); }\n"),
                File("lib/Helpers.cs", "public static class Helpers { public static int Twice(int x) => 2 * x; }\n"),
            ],
        };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, verdict.Reason);
    }

    [Fact]
    public async Task CSharp_AnErrorInTheTasksSource_IsACompileErrorNamingIt()
    {
        var request = CSharp("System.Console.WriteLine(1);\n", Prints("1")) with { Files = [File("lib/Broken.cs", "class Broken { int x = ; }\n")] };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Contains("lib/Broken.cs", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("python", "main.py")]
    [InlineData("python", "server.py")]
    [InlineData("cpp", "main.cpp")]
    [InlineData("cpp", "build.sh")]
    [InlineData("csharp", "main.dll")]
    [InlineData("python", "main.py/x")]
    public async Task AFileNamedLikeTheLanguagesOwn_IsRefusedNamingIt(string language, string path)
    {
        var request = Make(language, "print(1)", Prints("1"), null, null, Key, false, CodeScoring.Binary) with { Files = [File(path, "x")] };

        var e = await Assert.ThrowsAsync<CodeRequestException>(() => _sandbox.VerifyAsync(request));

        Assert.Equal("files[0].path", e.ParamName);
    }

    [Fact]
    public async Task Java_AFileNamedLikeTheSubmissionsOwnSource_IsItsCompileError()
    {
        // Java names the source after the public class, which only the code says: the clash is found once prepared.
        var request = Make("java", "public class Util { public static void main(String[] a) { System.out.println(1); } }", Prints("1"), null, null, Key, false, CodeScoring.Binary) with
        {
            Files = [File("Util.java", "class Other {}")],
        };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.Equal(CodeVerdictKind.CompileError, verdict.Verdict);
        Assert.Contains("Util.java", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("a//b")]
    [InlineData("-fplugin=x.cpp")]
    [InlineData("a\0b")]
    public async Task APathThatCouldLeaveTheDirectory_IsRefused(string path)
    {
        var request = Python("print(1)", Prints("1")) with { Files = [File(path, "x")] };

        var e = await Assert.ThrowsAsync<CodeRequestException>(() => _sandbox.VerifyAsync(request));

        Assert.Equal("files[0].path", e.ParamName);
    }
}
