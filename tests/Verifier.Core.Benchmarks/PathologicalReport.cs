using System.Diagnostics;
using Verifier.Core.Math;

namespace Verifier.Core.Benchmarks;

/// <summary>
/// Hostile inputs: the verdict and time of each, under the default budget and under the step budget alone
/// (time budget lifted), to show that the deterministic step limit by itself bounds the work.
/// </summary>
internal static class PathologicalReport
{
    public static void Run()
    {
        var defaults = new MathVerifier();
        var stepsOnly = new MathVerifier(new MathVerifierOptions { TimeBudget = TimeSpan.FromMinutes(1) });
        var stepsOnlyLongAnswers = new MathVerifier(new MathVerifierOptions { TimeBudget = TimeSpan.FromMinutes(1), MaxAnswerLength = 1_000_000 });
        static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));
        var megabyteProse = Repeat("We consider $x_1 = 3$ and \\(y\\) again; 12, 13 or 14. ", 20_000);
        (string Name, string Completion, string Gold)[] inputs =
        [
            ("9^{9^{9}} vs itself", "\\boxed{9^{9^{9}}}", "9^{9^{9}}"),
            ("9^{9^{9}} vs 9^{9^{9}}+1", "\\boxed{9^{9^{9}}+1}", "9^{9^{9}}"),
            ("9^{9^{9}} vs 3^{2*9^9}", "\\boxed{3^{2 \\cdot 9^{9}}}", "9^{9^{9}}"),
            ("10^{10^{10}} vs +1", "\\boxed{10^{10^{10}}+1}", "10^{10^{10}}"),
            ("e^{e^{e^{e^{10}}}} vs +1", "\\boxed{e^{e^{e^{e^{10}}}}+1}", "e^{e^{e^{e^{10}}}}"),
            ("pi vs pi + e^{-1000}", "\\boxed{\\pi + e^{-1000}}", "\\pi"),
            ("1/2004! vs 1/2006!", "\\boxed{\\frac{1}{2006!}}", "\\frac{1}{2004!}"),
            ("10,000 nested braces", "\\boxed{" + Repeat("{", 10_000) + "1" + Repeat("}", 10_000) + "}", "1"),
            ("10,000 nested fractions", "\\boxed{" + Repeat("\\frac{1}{", 10_000) + "1" + Repeat("}", 10_000) + "}", "1"),
            ("1 MB completion, box at the end", megabyteProse + "\\boxed{42}", "42"),
            ("1 MB of \\(", Repeat("\\(", 524_288), "42"),
            ("1 MB of \\boxed{", Repeat("\\boxed{", 149_796), "42"),
            ("1 MB of digits", Repeat("7", 1_048_576), "42"),
        ];

        Console.WriteLine("Pathological inputs (verdict and mean CPU time per check; default budget | step budget only):");
        foreach (var (name, completion, gold) in inputs)
        {
            var (verdict, milliseconds) = Timed(() => defaults.Verify(completion, gold));
            var (stepVerdict, stepMilliseconds) = Timed(() => stepsOnly.Verify(completion, gold));
            Console.WriteLine($"  {name,-34} {Show(verdict),-10} {milliseconds,7:F1} ms | {Show(stepVerdict),-10} {stepMilliseconds,7:F1} ms  ({stepVerdict.Reason})");
        }

        var unboundedLength = Repeat("\\sqrt{", 5_000) + "2" + Repeat("}", 5_000);
        var (deep, deepMilliseconds) = Timed(() => stepsOnlyLongAnswers.Verify("\\boxed{" + unboundedLength + "}", "2"));
        Console.WriteLine($"  {"5,000 nested roots, no length cap",-34} {Show(deep),-10} {deepMilliseconds,7:F1} ms  ({deep.Reason})");
    }

    /// <summary>
    /// Mean processor time per check, repeating the check for at least 100 ms of processor time: on a shared
    /// machine, wall time mostly measures the other tenants.
    /// </summary>
    private static (MathVerdict Verdict, double Milliseconds) Timed(Func<MathVerdict> check)
    {
        var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        var verdict = check();
        var runs = 1;
        while (runs < 1000)
        {
            process.Refresh();
            if ((process.TotalProcessorTime - start).TotalMilliseconds >= 100)
            {
                break;
            }

            _ = check();
            runs++;
        }

        process.Refresh();
        return (verdict, (process.TotalProcessorTime - start).TotalMilliseconds / runs);
    }

    private static string Show(MathVerdict verdict) => verdict.Correct switch
    {
        true => "correct",
        false => "wrong",
        null => "undecided",
    };
}
