using Verifier.Core.Code.Grading;

namespace Verifier.Core.Code;

/// <summary>Turns per-test results into the submission's verdict and reward.</summary>
public static class CodeScorer
{
    public static CodeVerdict Score(IReadOnlyList<CodeTestResult> results, int testsTotal, CodeScoring scoring) =>
        Score(results, new ScoringPlan(scoring, testsTotal));

    /// <summary>
    /// The verdict is the first failing test's (in test order), else accepted when every test ran and passed.
    /// Any infrastructure failure makes the whole verdict <c>infra_error</c> with a null reward: an unknown is never a 0.
    /// A test that did not run counts as failed, under every scoring mode.
    /// </summary>
    public static CodeVerdict Score(IReadOnlyList<CodeTestResult> results, ScoringPlan plan)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(plan);
        var testsTotal = plan.TestsTotal;
        var passed = results.Count(r => r.Passed);
        var fraction = testsTotal == 0 ? 0 : (double)passed / testsTotal;
        var subtasks = plan.Mode == CodeScoring.Subtasks ? plan.SubtaskResults(results) : null;
        var infra = results.FirstOrDefault(r => r.Verdict == CodeVerdictKind.InfraError);
        if (infra is not null)
        {
            return Build(CodeVerdictKind.InfraError, null, infra.Reason, results, passed, testsTotal, fraction, subtasks);
        }

        var failure = results.FirstOrDefault(r => !r.Passed);
        if (failure is null && passed == testsTotal && testsTotal > 0)
        {
            return Build(CodeVerdictKind.Accepted, 1.0, null, results, passed, testsTotal, 1.0, subtasks);
        }

        if (failure is null)
        {
            // Fewer results than tests with none failing means the run was cut short by the sandbox.
            return Build(CodeVerdictKind.InfraError, null, $"only {results.Count} of {testsTotal} tests reported", results, passed, testsTotal, fraction, subtasks);
        }

        var reason = $"test {failure.Index}: {failure.Reason ?? failure.Verdict.ToWireName()}";
        return Build(failure.Verdict, plan.PartialReward(results), reason, results, passed, testsTotal, fraction, subtasks);
    }

    private static CodeVerdict Build(
        CodeVerdictKind verdict,
        double? reward,
        string? reason,
        IReadOnlyList<CodeTestResult> results,
        int passed,
        int total,
        double fraction,
        IReadOnlyList<SubtaskResult>? subtasks) => new()
        {
            Verdict = verdict,
            Reward = reward,
            Reason = reason,
            Tests = results,
            TestsPassed = passed,
            TestsRun = results.Count,
            TestsTotal = total,
            PassFraction = fraction,
            CpuMs = results.Sum(r => r.CpuMs),
            Subtasks = subtasks,
        };
}
