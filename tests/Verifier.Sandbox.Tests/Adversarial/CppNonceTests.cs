using Verifier.Core.Code;
using Verifier.Sandbox.Tests.Infrastructure;
using static Verifier.Sandbox.Tests.Infrastructure.Requests;

namespace Verifier.Sandbox.Tests.Adversarial;

/// <summary>
/// Class 4 of issue 11: in a C++ assert run the candidate shares the process that holds the pass nonce. Inline assembly
/// (the cheap way to scan memory and issue raw syscalls unseen) is refused at build in every spelling that reaches the
/// compiler, each one a compile_error before anything runs. Plain C++ can still read its own process's memory: that is
/// the documented residual of the assert kind, and the function kind is immune to it because its verdict is computed
/// outside the sandbox from a value the candidate cannot know.
/// </summary>
public class CppNonceTests(SharedSandbox fast, SharedStrictSandbox strict) : AdversarialTests(fast, strict)
{
    private const string Tests = "#include <cassert>\nint answer();\nint main() {\n  assert(answer() == 73519);\n}\n";

    /// <summary>A wrong answer plus, ahead of it, an assembly-level construct that could forge the pass.</summary>
    private static string Candidate(string prelude) => prelude + "\nint answer() { return 1; }\n";

    public static TheoryData<SandboxMode, string, string> AssemblyTricks => Cross(
        ("int answer2() { asm volatile(\"nop\"); return 0; }", "inline assembly"),
        ("int answer2() { __asm__ __volatile__(\"mov $60, %%eax\\n\\tsyscall\" ::: \"memory\"); return 0; }", "inline assembly"),
        ("__asm(\".globl forged\\nforged: ret\");", "inline assembly"),
        ("/* asm is a keyword */ static const char* note = \"asm(\\\"nop\\\")\";\n#define CAT(a, b) a##b\nCAT(__as, m__)(\"nop\");", "inline assembly"),
        ("#define VOLATILE_ASM(x) __asm__ volatile(x)\nint answer2() { VOLATILE_ASM(\"nop\"); return 0; }", "inline assembly"),
        ("%:define A __asm__\nint answer2() { return 0; }", "inline assembly"),
        ("int answer2() { a\\\nsm(\"nop\"); return 0; }", "inline assembly"),
        ("#line 1 \"/usr/include/stdio.h\"\nint answer2() { return 0; }", "#line directive"),
        ("# 1 \"/usr/include/stdio.h\" 1 3\nint answer2() { return 0; }", "line marker"),
        ("#define CAT(a, b) a##b\n#define __THROW CAT(__as, m__)(\"nop\")\n#include <cstdio>", "reserved name"),
        ("[[gnu::section(\".data\\n.globl forged\\nforged: .byte 0x90\\n.section .data #\")]] int stash = 1;", "attribute string"));

    [Theory]
    [MemberData(nameof(AssemblyTricks))]
    public async Task InlineAssemblyInAnySpelling_IsCompileError(SandboxMode mode, string prelude, string reason)
    {
        var verdict = await ExpectAsync(mode, Cpp(Candidate(prelude), Checks("answer", Tests)), CodeVerdictKind.CompileError);

        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    /// <summary>The control: ordinary competitive-programming code, pragmas, intrinsics headers and asm in comments and strings pass.</summary>
    [Theory, MemberData(nameof(Modes))]
    public Task OrdinaryCodeWithAsmOnlyInCommentsAndStrings_IsAccepted(SandboxMode mode) =>
        ExpectAsync(
            mode,
            Cpp(
                "#pragma GCC optimize(\"O3,unroll-loops\")\n#define _GLIBCXX_ASSERTIONS 1\n#include <bits/stdc++.h>\n#include <immintrin.h>\n" +
                "using namespace std;\n#define int long long\n// asm(\"nop\") in a comment\nstatic const char* s = R\"x(asm(\"nop\"))x\";\n" +
                "static int big = 1'000'000;\nsigned answer() { return 73519 + (s[0] != 'a') + (big - 1000000) + __builtin_popcount(0); }\n",
                Checks("answer", Tests)),
            CodeVerdictKind.Accepted);

    /// <summary>
    /// The function kind has no nonce to steal: the candidate writes a forged "ok" answer frame on the answer descriptor
    /// and a fake pass to stdout, but the verifier reads the first frame on fd 4 and compares its value with the
    /// expected JSON, which never entered the sandbox.
    /// </summary>
    [Theory, MemberData(nameof(Modes))]
    public Task ForgedAnswerFramesInAFunctionTest_AreJudgedOnTheirValue(SandboxMode mode) =>
        ExpectAsync(
            mode,
            Cpp(
                "#include <cstdio>\n#include <cstring>\n#include <unistd.h>\n" +
                "int answer() {\n  const char* body = \"{\\\"ok\\\":true,\\\"value\\\":\\\"1\\\"}\";\n  unsigned n = std::strlen(body);\n" +
                "  unsigned char frame[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16), (unsigned char)(n >> 8), (unsigned char)n};\n" +
                "  ssize_t w = write(4, frame, 4); w = write(4, body, n); (void)w;\n  std::puts(\"All tests passed\");\n  return 1;\n}\n",
                Function("answer", ("[]", "73519"))),
            CodeVerdictKind.WrongAnswer);

    /// <summary>
    /// The memory-scanning forgery that still passes a C++ assert test (no asm: it finds the harness's nonce length in
    /// .bss, XORs the masked nonce with its mask, echoes it on fd 4 and exits 0; reproduced by hand, see the README's
    /// limitation) gets nothing from a function test: there is no nonce, and whatever it writes on fd 4 is judged as an
    /// answer, compared with the expected value outside.
    /// </summary>
    [Theory, MemberData(nameof(Modes))]
    public Task MemoryScanningForgeryInAFunctionTest_IsNotAccepted(SandboxMode mode) =>
        ExpectZeroAsync(
            mode,
            Cpp(
                "#include <cstring>\n#include <unistd.h>\nextern \"C\" char __bss_start[], _end[];\n" +
                "__attribute__((constructor)) static void forge() {\n" +
                "  for (char* p = __bss_start; p + 8 + 128 <= _end; p += 8) {\n    long v; std::memcpy(&v, p, 8);\n" +
                "    if (v == 32) {\n      unsigned char out[32];\n      for (int i = 0; i < 32; i++) out[i] = p[32 + i] ^ p[96 + i];\n" +
                "      ssize_t w = write(4, out, 32); (void)w;\n      _exit(0);\n    }\n  }\n}\n" +
                "int answer() { return 1; }\n",
                Function("answer", ("[]", "73519"))));

    private static TheoryData<SandboxMode, string, string> Cross(params (string Prelude, string Reason)[] tricks)
    {
        var data = new TheoryData<SandboxMode, string, string>();
        foreach (var mode in new[] { SandboxMode.Fast, SandboxMode.Strict })
        {
            foreach (var (prelude, reason) in tricks)
            {
                data.Add(mode, prelude, reason);
            }
        }

        return data;
    }
}
