using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Class 3 of issue 11: a C++ assert submission that reads the tests while it compiles (they sat in its directory) and
/// answers from the expected values. Each attack below returned 73519 and was accepted before the build made the
/// tests unreadable until the candidate's object exists; now each include fails, so the verdict is compile_error.
/// </summary>
public class CppTestSecrecyTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    /// <summary>No honest submission can know 73519: only reading the tests gives it.</summary>
    private const string Tests = "#include <cassert>\nint answer();\nint main() {\n  assert(answer() == 73519);\n}\n";

    /// <summary>
    /// Compiles a copy of the tests into the candidate with assert's failure hook renamed: running that copy once makes
    /// it report the expression it checks ("answer() == 73519"), and the candidate returns the number after "==".
    /// </summary>
    private static string IncludeAttack(string include) =>
        "#include <csetjmp>\n#include <cstdlib>\n#include <cstring>\n" +
        "static const char* seen = \"\";\nstatic std::jmp_buf back;\n" +
        "#define __assert_fail stolen_fail\n#define main stolen_tests_main\n" + include + "\n#undef main\n#undef __assert_fail\n" +
        "extern \"C\" void stolen_fail(const char* e, const char*, unsigned int, const char*) noexcept { seen = e; std::longjmp(back, 1); }\n" +
        StolenAnswer;

    /// <summary>Reads the tests' bytes, linked in by the assembler under the symbol stolen_tests.</summary>
    private static string IncbinAttack(string incbin) =>
        "#include <cstdlib>\n#include <cstring>\n" + incbin + "\n" +
        "extern \"C\" const char stolen_tests[];\n" +
        "int answer() { const char* p = std::strstr(stolen_tests, \"== \"); return p ? std::atoi(p + 3) : 0; }\n";

    private const string StolenAnswer =
        "static bool running = false;\n" +
        "int answer() {\n  if (running) return 0;\n  running = true;\n  if (!setjmp(back)) stolen_tests_main();\n  running = false;\n" +
        "  const char* p = std::strstr(seen, \"== \");\n  return p ? std::atoi(p + 3) : 0;\n}\n";

    [Theory]
    [MemberData(nameof(IncludeTricks))]
    public async Task IncludingTheTests_IsCompileError(SandboxMode mode, string include)
    {
        var verdict = await ExpectAsync(mode, Cpp(IncludeAttack(include), Checks("answer", Tests)), CodeVerdictKind.CompileError);

        Assert.Contains("test.cpp: Permission denied", verdict.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<SandboxMode, string> IncludeTricks => Cross(
        "#include \"test.cpp\"",
        "#include \"/proc/self/cwd/test.cpp\"",
        "#define TESTS \"test.cpp\"\n#if __has_include(TESTS)\n#include TESTS\n#endif");

    /// <summary>Refused before assembly (no inline asm in an assert submission); the file is unreadable as well.</summary>
    [Theory, MemberData(nameof(Modes))]
    public async Task IncbinOfTheTestsInTopLevelAsm_IsCompileError(SandboxMode mode)
    {
        var verdict = await ExpectAsync(
            mode,
            Cpp(IncbinAttack("asm(\".section .rodata\\n.globl stolen_tests\\nstolen_tests:\\n.incbin \\\"test.cpp\\\"\\n.byte 0\\n.previous\");"), Checks("answer", Tests)),
            CodeVerdictKind.CompileError);

        Assert.Contains("inline assembly", verdict.Reason, StringComparison.Ordinal);
    }

    /// <summary>g++ writes a section name into the assembly unquoted: a newline in it starts an assembler directive.</summary>
    [Theory, MemberData(nameof(Modes))]
    public async Task IncbinOfTheTestsThroughASectionName_IsCompileError(SandboxMode mode)
    {
        var verdict = await ExpectAsync(
            mode,
            Cpp(IncbinAttack("__attribute__((section(\".rodata\\n.globl stolen_tests\\nstolen_tests:\\n.incbin \\\"test.cpp\\\"\\n.byte 0\\n.section .data #\"))) int dummy = 1;"), Checks("answer", Tests)),
            CodeVerdictKind.CompileError);

        Assert.Contains("attribute string", verdict.Reason, StringComparison.Ordinal);
    }

    private static TheoryData<SandboxMode, string> Cross(params string[] tricks)
    {
        var data = new TheoryData<SandboxMode, string>();
        foreach (var mode in new[] { SandboxMode.Fast, SandboxMode.Strict })
        {
            foreach (var trick in tricks)
            {
                data.Add(mode, trick);
            }
        }

        return data;
    }

    /// <summary>The control: the same tests, answered honestly, still pass (the tests compile once the candidate has).</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task HonestAnswer_IsAccepted(SandboxMode mode) =>
        ExpectAsync(mode, Cpp("int answer() { return 73519; }\n", Checks("answer", Tests)), CodeVerdictKind.Accepted);
}
