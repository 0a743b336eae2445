using System.Diagnostics;
using Verifier.Core.Math;
using Verifier.Core.Math.Extraction;
using Verifier.MathSuites;

namespace Verifier.Core.Benchmarks;

/// <summary>
/// Full-response checks per second on one thread (the calling thread), median of several runs, next to a
/// baseline measured in the same run: a trivial check that cuts out the last \boxed{...} and compares strings.
/// </summary>
internal static class Throughput
{
    private const int Runs = 7;
    private static readonly TimeSpan RunLength = TimeSpan.FromMilliseconds(400);

    public static void Run(string name, IReadOnlyList<(string Completion, string Gold)> workload)
    {
        var verifier = new MathVerifier();
        var verdicts = workload.Select(w => verifier.Verify(w.Completion, w.Gold)).ToList(); // warm up and record
        var correct = verdicts.Count(v => v.Correct == true);
        var undecided = verdicts.Count(v => v.Correct is null);

        var (verifierRate, baselineRate) = Measure(workload, w => verifier.Verify(w.Completion, w.Gold).Correct == true, w => BaselineCheck(w.Completion, w.Gold));
        var latencies = workload.Select(w =>
        {
            var start = Stopwatch.GetTimestamp();
            _ = verifier.Verify(w.Completion, w.Gold);
            return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }).Order().ToList();

        if (Environment.GetEnvironmentVariable("SHOW_SLOWEST") is not null)
        {
            foreach (var (w, micros) in workload.Select(w =>
            {
                var t = Stopwatch.GetTimestamp();
                _ = verifier.Verify(w.Completion, w.Gold);
                return (w, Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            }).OrderByDescending(x => x.Item2).Take(12))
            {
                Console.WriteLine($"    slow {micros,8:F0} us  gold {w.Gold}  answer {verifier.ExtractAnswer(w.Completion)}");
            }
        }

        Console.WriteLine($"{name}: {workload.Count} completions (avg {workload.Average(w => w.Completion.Length):F0} chars), " +
            $"verifier says correct {correct}, undecided {undecided}");
        Console.WriteLine($"  verifier  {verifierRate.PerCpuSecond,12:N0} checks per CPU-second ({verifierRate.PerWallSecond:N0}/s wall), median of {Runs} runs on one thread; " +
            $"latency p50 {latencies[latencies.Count / 2]:F0} us, p99 {latencies[(int)(latencies.Count * 0.99)]:F0} us");
        Console.WriteLine($"  baseline  {baselineRate.PerCpuSecond,12:N0} checks per CPU-second ({baselineRate.PerWallSecond:N0}/s wall), last-box string equality, same runs interleaved");
        Console.WriteLine($"  verifier/baseline = {verifierRate.PerCpuSecond / baselineRate.PerCpuSecond:P2}; target 20,000 checks/s per core: " +
            $"{(verifierRate.PerCpuSecond >= 20_000 ? "met" : "NOT met")} ({verifierRate.PerCpuSecond / 20_000:F1}x the target, {verifierRate.PerCpuSecond / 450:F0}x the 450/s of the Python verifier)");
    }

    /// <summary>
    /// Alternates verifier and baseline runs so that both see the same machine load, and times each run in
    /// processor time as well as wall time: on a shared machine, checks per CPU-second is the per-core rate.
    /// </summary>
    private static (Rate Verifier, Rate Baseline) Measure(
        IReadOnlyList<(string Completion, string Gold)> workload,
        Func<(string Completion, string Gold), bool> verifierCheck,
        Func<(string Completion, string Gold), bool> baselineCheck)
    {
        var verifierRepetitions = Calibrate(workload, verifierCheck);
        var baselineRepetitions = Calibrate(workload, baselineCheck);
        var verifierRuns = new List<Rate>();
        var baselineRuns = new List<Rate>();
        for (var run = 0; run < Runs; run++)
        {
            verifierRuns.Add(TimeRun(workload, verifierCheck, verifierRepetitions));
            baselineRuns.Add(TimeRun(workload, baselineCheck, baselineRepetitions));
        }

        return (Rate.Median(verifierRuns), Rate.Median(baselineRuns));
    }

    private static int Calibrate(IReadOnlyList<(string Completion, string Gold)> workload, Func<(string Completion, string Gold), bool> check)
    {
        var start = Process.GetCurrentProcess().TotalProcessorTime;
        var sink = 0;
        foreach (var item in workload)
        {
            sink += check(item) ? 1 : 0;
        }

        GC.KeepAlive(sink);
        var onePass = Process.GetCurrentProcess().TotalProcessorTime - start;
        // Processor time is measured in scheduler ticks; a pass shorter than a tick still repeats plenty.
        return onePass > TimeSpan.Zero ? System.Math.Max(1, (int)(RunLength / onePass)) : 1000;
    }

    private static Rate TimeRun(IReadOnlyList<(string Completion, string Gold)> workload, Func<(string Completion, string Gold), bool> check, int repetitions)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var wallStart = Stopwatch.GetTimestamp();
        var sink = 0;
        for (var r = 0; r < repetitions; r++)
        {
            foreach (var item in workload)
            {
                sink += check(item) ? 1 : 0;
            }
        }

        var wall = Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        GC.KeepAlive(sink);
        double checks = repetitions * workload.Count;
        return new Rate(checks / System.Math.Max(cpu, 1e-6), checks / wall);
    }

    /// <summary>Checks per second of processor time (per core) and per second of wall time.</summary>
    private readonly record struct Rate(double PerCpuSecond, double PerWallSecond)
    {
        public static Rate Median(List<Rate> runs)
        {
            var cpu = runs.Select(r => r.PerCpuSecond).Order().ToList();
            var wall = runs.Select(r => r.PerWallSecond).Order().ToList();
            return new Rate(cpu[cpu.Count / 2], wall[wall.Count / 2]);
        }
    }

    /// <summary>The cheapest plausible check: last box's content equals the gold string.</summary>
    private static bool BaselineCheck(string completion, string gold)
    {
        var open = completion.LastIndexOf("\\boxed{", StringComparison.Ordinal);
        if (open < 0)
        {
            return false;
        }

        var depth = 0;
        for (var i = open + 6; i < completion.Length; i++)
        {
            if (completion[i] == '{')
            {
                depth++;
            }
            else if (completion[i] == '}' && --depth == 0)
            {
                return completion.AsSpan(open + 7, i - open - 7).Trim().SequenceEqual(gold.AsSpan().Trim());
            }
        }

        return false;
    }

    /// <summary>Math-Verify cases as R1 completions: reasoning in think, then the prediction's answer boxed.</summary>
    public static List<(string Completion, string Gold)> FromMathVerify(IReadOnlyList<MathVerifyCase> cases)
    {
        var reader = new MathVerifier(new MathVerifierOptions
        {
            ExtractionRules = [ExtractionRule.Boxed, ExtractionRule.FinalAnswerIs, ExtractionRule.AnswerLabel, ExtractionRule.LastMath, ExtractionRule.LastNumber],
        });
        var workload = new List<(string, string)>();
        foreach (var c in cases)
        {
            var gold = reader.ExtractAnswer(c.Gold) ?? c.Gold;
            var answer = reader.ExtractAnswer(c.Predicted) ?? c.Predicted;
            var reasoning = c.Predicted.Length > 200 ? c.Predicted : "Let me set up the problem, compute carefully and double-check each step.";
            workload.Add(("<think>\n" + reasoning + "\n</think>\nTherefore, the final answer is $\\boxed{" + answer + "}$.", gold));
        }

        return workload;
    }

    public static List<(string Completion, string Gold)> FromMath500(IReadOnlyList<Math500Item> items) =>
        [.. items.Select(i => (i.SolutionCompletion(), i.Answer))];
}
