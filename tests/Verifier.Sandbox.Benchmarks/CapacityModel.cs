using System.Diagnostics;
using System.Globalization;
using System.Text;
using Verifier.Core.Code;

namespace Verifier.Sandbox.Benchmarks;

/// <summary>
/// How much sandbox a training step needs. The CPU one submission costs, everything counted (this process, the
/// engine, the containers), is measured here at 1 and 10 tests and fitted as a + b x tests; a step of N rollouts with
/// T tests each then needs N x c(T) of CPU, and finishing it in S seconds at a utilisation U needs
/// N x c(T) / (S x U) cores. The model is then checked against a real batch on this machine: its predicted wall
/// time (on the cores this machine has) against the measured one.
/// </summary>
internal static class CapacityModel
{
    /// <summary>The share of a core's time a busy engine host turns into submissions (start-up, scheduling, the odd idle gap).</summary>
    private const double Utilisation = 0.85;

    /// <summary>The CPU the last check used, everything counted.</summary>
    private static double CheckCpuMs;

    public static async Task<string> RunAsync(string language, int checkRollouts, int checkTests)
    {
        await using var session = await SandboxSession.StartAsync(SandboxMode.Fast);
        var one = await CostAsync(session, language, 1);
        var ten = await CostAsync(session, language, 10);
        var perTest = Math.Max(0, (ten - one) / 9);
        var fixedCost = one - perTest;
        double Cost(int tests) => fixedCost + (perTest * tests);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{language}, fast mode, trivial program (read two numbers, print the sum); {Environment.ProcessorCount} CPUs here");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"measured CPU per submission: 1 test {one:0.0} ms, 10 tests {ten:0.0} ms -> c(T) = {fixedCost:0.0} + {perTest:0.00} x T ms");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| rollouts N | tests T | step S (s) | CPU per step (core-s) | cores at U={Utilisation} | 16-core engines | 64-core engines |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (rollouts, tests, seconds) in new[] { (512, 10, 30), (512, 10, 10), (1024, 20, 30), (4096, 10, 60) })
        {
            var coreSeconds = rollouts * Cost(tests) / 1000;
            var cores = coreSeconds / (seconds * Utilisation);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {rollouts} | {tests} | {seconds} | {coreSeconds:0.0} | {cores:0.0} | {Math.Ceiling(cores / 16):0} | {Math.Ceiling(cores / 64):0} |");
        }

        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var (measured, predicted) = await CheckAsync(session, language, checkRollouts, checkTests, Cost(checkTests));
        var predictedCpu = checkRollouts * Cost(checkTests) / 1000;
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"check: {checkRollouts} rollouts x {checkTests} tests at once on this machine's {Environment.ProcessorCount} cores (load average {load} before it): CPU predicted {predictedCpu:0.0} core-s, measured {CheckCpuMs / 1000:0.0} (x{CheckCpuMs / 1000 / predictedCpu:0.00}); wall predicted {predicted:0.0} s, measured {measured:0.0} s (x{measured / predicted:0.00}; the wall also pays for whatever else this machine runs)");
        return text.ToString();
    }

    /// <summary>CPU ms per submission of <paramref name="tests"/> tests at 8 in flight, after a warm-up.</summary>
    private static async Task<double> CostAsync(SandboxSession session, string language, int tests)
    {
        var submit = Submitter(session, language, tests, "capacity");
        await Measurement.RunAsync(language, tests, 8, "fast", 16, TimeSpan.FromSeconds(60), submit);
        var measured = await Measurement.RunAsync(language, tests, 8, "fast", 60, TimeSpan.FromSeconds(120), submit);
        return measured.CpuMsPerSubmission;
    }

    /// <summary>One GRPO-like step: every rollout at once (groups of 16 share an isolation key, as a request's items do).</summary>
    private static async Task<(double Measured, double Predicted)> CheckAsync(SandboxSession session, string language, int rollouts, int tests, double costMs)
    {
        await CpuMeter.WaitUntilQuietAsync(TimeSpan.FromSeconds(30));
        var groups = Enumerable.Range(0, rollouts).Select(i => Submitter(session, language, tests, $"step/{i / 16}")).ToList();
        var started = Stopwatch.GetTimestamp();
        var cpuBefore = CpuMeter.NowMs();
        var results = await Task.WhenAll(groups.Select(submit => submit(CancellationToken.None)));
        var measured = Stopwatch.GetElapsedTime(started).TotalSeconds;
        CheckCpuMs = CpuMeter.NowMs() - cpuBefore;
        if (results.Any(ok => !ok))
        {
            throw new InvalidOperationException($"{results.Count(ok => !ok)} of the check's submissions were not accepted");
        }

        return (measured, rollouts * costMs / 1000 / (Environment.ProcessorCount * Utilisation));
    }

    private static Func<CancellationToken, Task<bool>> Submitter(SandboxSession session, string language, int tests, string key)
    {
        var request = new CodeRequest
        {
            Language = language,
            Code = Programs.For(language),
            Tests = new IoTests([.. Programs.Cases(tests).Select(c => new IoCase(c.Stdin, c.Stdout))]),
            IsolationKey = key,
        };
        return async cancellationToken => (await session.Sandbox.VerifyAsync(request, cancellationToken)).Verdict == CodeVerdictKind.Accepted;
    }
}
