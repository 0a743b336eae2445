using Verifier.Core.Code;
using Verifier.Core.Code.Files;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Files;

/// <summary>Compile options reach the compiler (g++, rustc, javac, go) as the values chosen, and anything off the allow-list never does.</summary>
[Collection(SandboxCollection.Name)]
public class CompileOptionsTests(SharedSandbox shared)
{
    private readonly ICodeSandbox _sandbox = shared.Sandbox;

    private const string Probe = """
        #include <iostream>
        int main() {
        #ifdef ONLINE_JUDGE
            std::cout << "judge ";
        #endif
        #ifdef LIMIT
            std::cout << LIMIT << " ";
        #endif
            std::cout << __cplusplus << "\n";
        }
        """;

    [Theory]
    [InlineData(null, "judge 201703")]
    [InlineData("c++14", "judge 201402")]
    [InlineData("c++20", "judge 202002")]
    public async Task TheChosenStandard_IsTheOneCompiled(string? standard, string expected)
    {
        var verdict = await _sandbox.VerifyAsync(Cpp(Probe, Prints(expected)) with { CompileOptions = new CompileOptions(standard, "O0") });

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, verdict.Reason);
    }

    [Fact]
    public async Task Defines_AreVisibleToTheCode()
    {
        var verdict = await _sandbox.VerifyAsync(Cpp(Probe, Prints("judge 100000 201703")) with { CompileOptions = new CompileOptions(Defines: ["LIMIT=100000"]) });

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, verdict.Reason);
    }

    [Theory]
    [InlineData("X -o /tmp/y")]
    [InlineData("X=1 -fplugin=/tmp/p.so")]
    [InlineData("-fplugin=/tmp/p.so")]
    [InlineData("-B/tmp")]
    [InlineData("@flags.txt")]
    [InlineData("X=\"a\"")]
    [InlineData("X=-1")]
    public async Task ADefineThatCouldBecomeAFlag_IsRefusedNamingIt(string define)
    {
        var request = Cpp(Probe, Prints("x")) with { CompileOptions = new CompileOptions(Defines: ["OK", define]) };

        var e = await Assert.ThrowsAsync<CodeRequestException>(() => _sandbox.VerifyAsync(request));

        Assert.Equal("compileOptions.defines[1]", e.ParamName);
    }

    [Theory]
    [InlineData("c++17 -fplugin=x", null, "compileOptions.standard")]
    [InlineData(null, "O2 -B/tmp", "compileOptions.optimize")]
    [InlineData(null, "Ofast", "compileOptions.optimize")]
    public async Task AValueOffTheAllowList_IsRefusedNamingIt(string? standard, string? optimize, string field)
    {
        var request = Cpp(Probe, Prints("x")) with { CompileOptions = new CompileOptions(standard, optimize) };

        var e = await Assert.ThrowsAsync<CodeRequestException>(() => _sandbox.VerifyAsync(request));

        Assert.Equal(field, e.ParamName);
    }

    [Theory]
    [InlineData(null, "accepted")]
    [InlineData("2015", "compile_error")]
    public async Task Rust_TheChosenEditionIsTheOneCompiled(string? edition, string expected)
    {
        // `async fn` exists from edition 2018 on: it compiles under the default (2021) and is an error under 2015.
        var request = Make("rust", "async fn f() {}\nfn main() { let _ = f(); println!(\"1\"); }\n", Prints("1"), null, null, Key, false, CodeScoring.Binary) with
        {
            CompileOptions = new CompileOptions(edition),
        };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.Equal(expected, verdict.Verdict.ToWireName());
    }

    [Theory]
    [InlineData(null, "accepted")]
    [InlineData("11", "accepted")]
    [InlineData("8", "compile_error")]
    public async Task Java_TheChosenReleaseIsTheOneCompiled(string? release, string expected)
    {
        // `var` for locals exists from Java 10 on: javac --release 8 refuses it.
        const string code = "public class Main {\n    public static void main(String[] args) {\n        var n = 1;\n        System.out.println(n);\n    }\n}\n";
        var request = Make("java", code, Prints("1"), null, null, Key, false, CodeScoring.Binary) with { CompileOptions = new CompileOptions(release) };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.True(expected == verdict.Verdict.ToWireName(), $"{verdict.Verdict}: {verdict.Reason}");
    }

    [Theory]
    [InlineData(null, "accepted")]
    [InlineData("go1.18", "accepted")]
    [InlineData("go1.17", "compile_error")]
    public async Task Go_TheChosenLanguageVersionIsTheOneCompiled(string? version, string expected)
    {
        // Type parameters exist from go1.18 on.
        const string code = "package main\n\nimport \"fmt\"\n\nfunc id[T any](x T) T { return x }\n\nfunc main() { fmt.Println(id(1)) }\n";
        var request = Make("go", code, Prints("1"), null, null, Key, false, CodeScoring.Binary) with { CompileOptions = new CompileOptions(version) };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.True(expected == verdict.Verdict.ToWireName(), $"{verdict.Verdict}: {verdict.Reason}");
    }

    [Fact]
    public async Task OptionsForALanguageWithoutThem_AreRefused()
    {
        var request = Python("print(1)", Prints("1")) with { CompileOptions = new CompileOptions("c++17") };

        var e = await Assert.ThrowsAsync<CodeRequestException>(() => _sandbox.VerifyAsync(request));

        Assert.Equal("compileOptions", e.ParamName);
    }

    [Fact]
    public async Task ASmallerOutputLimit_StopsTheProgramAtIt()
    {
        var request = Python("print('x' * 5000)", Prints("x")) with { Limits = new CodeLimits(OutputKb: 4) };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.Equal(CodeVerdictKind.OutputLimit, verdict.Verdict);
    }

    [Fact]
    public async Task AStackLimit_IsTheProgramsStack()
    {
        // The soft value is the one the stack grows against, and it is in place from the exec on (the hard one is
        // locked by prlimit just after, so a program that reads it at once may still see the container's).
        var request = Python("import resource\nprint(resource.getrlimit(resource.RLIMIT_STACK)[0])", Prints("8388608")) with { Limits = new CodeLimits(StackMb: 8) };

        var verdict = await _sandbox.VerifyAsync(request);

        Assert.True(verdict.Verdict == CodeVerdictKind.Accepted, verdict.Reason);
    }
}
