using System.Text;
using Verifier.Core.Code;
using Verifier.Core.Code.Checkers;

namespace Verifier.Sandbox.Tests.Judging;

/// <summary>
/// "Print any two non-negative integers that sum to n": many correct answers, so no fixed expected text can judge it.
/// The checkers here are our own (testlib's convention, not its code): argv is input, output, answer.
/// </summary>
internal static class CustomCheckerPrograms
{
    /// <summary>The cases: the expected answers are one valid pair each ("0 n"), never what the candidates print.</summary>
    public static IoTests SumTo(params int[] ns) => new([.. ns.Select(n => new IoCase($"{n}\n", $"0 {n}\n"))]);

    public const string RightCandidate = "n = int(input())\nprint(1, n - 1)\n";

    public const string WrongCandidate = "n = int(input())\nprint(n, 1)\n";

    /// <summary>A few helpers of our own, shipped as an extra file named as testlib's header is.</summary>
    public const string MiniTestlib = """
        #pragma once
        #include <cstdio>
        #include <cstdlib>
        // testlib's exit codes, as its convention defines them.
        enum Outcome { OK = 0, WA = 1, PE = 2, FAIL = 3 };
        [[noreturn]] inline void quit(Outcome outcome, const char* message) {
            std::fprintf(stderr, "%s\n", message);
            std::exit(outcome);
        }
        // Reads one integer; a missing or malformed one is the candidate's presentation error.
        inline long long read_int(std::FILE* f, Outcome on_missing) {
            long long value;
            if (std::fscanf(f, "%lld", &value) != 1) quit(on_missing, "expected an integer");
            return value;
        }
        """;

    public const string CppChecker = """
        #include "testlib.h"
        int main(int argc, char** argv) {
            if (argc != 4) quit(FAIL, "usage: checker input output answer");
            std::FILE* input = std::fopen(argv[1], "r");
            std::FILE* output = std::fopen(argv[2], "r");
            std::FILE* answer = std::fopen(argv[3], "r");
            if (!input || !output || !answer) quit(FAIL, "cannot open the files");
            long long n = read_int(input, FAIL);
            long long a = read_int(output, PE), b = read_int(output, PE);
            read_int(answer, FAIL);  // the answer exists and is readable, but any valid pair passes
            if (a < 0 || b < 0 || a + b != n) quit(WA, "the numbers do not sum to n");
            quit(OK, "a valid pair");
        }
        """;

    public const string PythonChecker = """
        import sys
        inp, out, ans = sys.argv[1:4]
        n = int(open(inp).read().split()[0])
        int(open(ans).read().split()[0])
        tokens = open(out).read().split()
        if len(tokens) != 2 or not all(t.isdigit() for t in tokens):
            print("expected two non-negative integers", file=sys.stderr)
            sys.exit(2)
        if int(tokens[0]) + int(tokens[1]) != n:
            print("the numbers do not sum to n", file=sys.stderr)
            sys.exit(1)
        sys.exit(0)
        """;

    /// <summary>The same checker as a C# program (top-level statements; compiled by Roslyn in the verifier).</summary>
    public const string CSharpChecker = """
        var n = long.Parse(File.ReadAllText(args[0]).Trim());
        long.Parse(File.ReadAllText(args[2]).Split(' ')[0]);
        var tokens = File.ReadAllText(args[1]).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length != 2 || !long.TryParse(tokens[0], out var a) || !long.TryParse(tokens[1], out var b) || a < 0 || b < 0)
        {
            Console.Error.WriteLine("expected two non-negative integers");
            return 2;
        }

        if (a + b != n)
        {
            Console.Error.WriteLine("the numbers do not sum to n");
            return 1;
        }

        return 0;
        """;

    /// <summary>Sloppy: trusts the candidate's first number to be at most n, so a larger one aborts it (std::out_of_range).</summary>
    public const string CrashingCppChecker = """
        #include <cstdio>
        #include <vector>
        int main(int argc, char** argv) {
            long long n = 0, a = 0, b = 0;
            std::fscanf(std::fopen(argv[1], "r"), "%lld", &n);
            std::FILE* output = std::fopen(argv[2], "r");
            if (std::fscanf(output, "%lld %lld", &a, &b) != 2) return 2;
            std::vector<int> seen(n + 1);
            seen.at(a) = 1;  // throws for a > n: uncaught, so the checker aborts
            return a + b == n ? 0 : 1;
        }
        """;

    /// <summary>Sloppy: walks up from the candidate's first number to n, so one above n never ends.</summary>
    public const string LoopingPythonChecker = """
        import sys
        n = int(open(sys.argv[1]).read())
        a, b = map(int, open(sys.argv[2]).read().split())
        x = a
        while x != n:
            x += 1
        sys.exit(0 if a + b == n else 1)
        """;

    /// <summary>A candidate whose first number is past n, which the sloppy checkers above do not survive.</summary>
    public const string PastNCandidate = "n = int(input())\nprint(n + 5, -5)\n";

    /// <summary>Points: 1 when the pair is balanced (|a - b| at most 1), 0.5 when it only sums to n, else 0.</summary>
    public const string PointsChecker = """
        import sys
        n = int(open(sys.argv[1]).read())
        a, b = map(int, open(sys.argv[2]).read().split())
        if a + b != n:
            sys.exit(1)
        print(1 if abs(a - b) <= 1 else 0.5)
        sys.exit(7)
        """;

    public static OutputCheck Python(string code, int? timeMs = null) =>
        OutputCheck.Custom(new CustomChecker("python", code) { Limits = timeMs is null ? null : new CodeLimits(timeMs) });

    public static OutputCheck Cpp(string code, int? timeMs = null) =>
        OutputCheck.Custom(new CustomChecker("cpp", code)
        {
            Files = new Dictionary<string, byte[]> { ["testlib.h"] = Encoding.UTF8.GetBytes(MiniTestlib) },
            Limits = timeMs is null ? null : new CodeLimits(timeMs),
        });
}
