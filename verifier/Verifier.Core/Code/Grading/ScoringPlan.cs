namespace Verifier.Core.Code.Grading;

/// <summary>What the runner does with the next test.</summary>
public enum TestStep
{
    Run,

    /// <summary>Its subtask already failed: it would not change the score, so it costs no time.</summary>
    Skip,

    /// <summary>The binary verdict is settled: no test after this one runs.</summary>
    Stop,
}

/// <summary>
/// A validated scoring mode with its weights or subtasks (<see cref="ScoringRules"/> checks them first): which tests
/// run, and what the results are worth. The sandbox's runner and <see cref="CodeScorer"/> share one plan, so what was
/// skipped and what was scored cannot disagree.
/// </summary>
public sealed class ScoringPlan
{
    private readonly double[]? _weights;
    private readonly int[]? _subtaskOf;

    public ScoringPlan(CodeScoring mode, int tests, IReadOnlyList<double>? weights = null, IReadOnlyList<Subtask>? subtasks = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tests);
        var problem = ScoringRules.Check(mode, tests, weights, subtasks).Select(p => $"{p.Field}: {p.Message}").FirstOrDefault();
        if (problem is not null)
        {
            throw new ArgumentException($"an invalid scoring plan ({problem})", nameof(mode));
        }

        Mode = mode;
        TestsTotal = tests;
        if (mode == CodeScoring.Weighted)
        {
            _weights = weights is null ? [.. Enumerable.Repeat(1.0, tests)] : [.. weights];
        }

        if (mode == CodeScoring.Subtasks)
        {
            Subtasks = subtasks!;
            _subtaskOf = new int[tests];
            for (var s = 0; s < Subtasks.Count; s++)
            {
                foreach (var test in Subtasks[s].Tests)
                {
                    _subtaskOf[test] = s;
                }
            }
        }
    }

    public CodeScoring Mode { get; }

    public int TestsTotal { get; }

    /// <summary>Under <see cref="CodeScoring.Subtasks"/>, the groups; else empty.</summary>
    public IReadOnlyList<Subtask> Subtasks { get; } = [];

    public static ScoringPlan For(CodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.Scoring, request.Tests.Count, request.Weights, request.Subtasks);
    }

    /// <param name="index">The test about to run; tests run in index order.</param>
    /// <param name="results">The results so far.</param>
    /// <param name="runAll">The request asked for every test to run.</param>
    public TestStep Next(int index, IReadOnlyList<CodeTestResult> results, bool runAll)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (runAll || Mode is CodeScoring.Fraction or CodeScoring.Weighted)
        {
            return TestStep.Run;
        }

        if (_subtaskOf is null)
        {
            return results.Any(r => !r.Passed) ? TestStep.Stop : TestStep.Run;
        }

        var subtask = _subtaskOf[index];
        return results.Any(r => !r.Passed && SubtaskOf(r.Index) == subtask) ? TestStep.Skip : TestStep.Run;
    }

    /// <summary>The reward when not every test passed: a test without a result counts as failed.</summary>
    public double PartialReward(IReadOnlyList<CodeTestResult> results)
    {
        var credit = Credits(results);
        return Mode switch
        {
            CodeScoring.Fraction => TestsTotal == 0 ? 0 : credit.Sum() / TestsTotal,
            CodeScoring.Weighted => _weights!.Select((w, i) => w * credit[i]).Sum() / _weights!.Sum(),
            CodeScoring.Subtasks => SubtaskResults(results).Sum(s => s.Score) / Subtasks.Sum(s => s.Points),
            _ => 0,
        };
    }

    /// <summary>Each subtask's score; empty unless the mode is <see cref="CodeScoring.Subtasks"/>.</summary>
    public IReadOnlyList<SubtaskResult> SubtaskResults(IReadOnlyList<CodeTestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var byIndex = new CodeTestResult?[TestsTotal];
        foreach (var result in results.Where(r => r.Index >= 0 && r.Index < TestsTotal))
        {
            byIndex[result.Index] = result;
        }

        return [.. Subtasks.Select(subtask =>
        {
            var failed = subtask.Tests.Order().Select(t => byIndex[t]).FirstOrDefault(r => r is { Passed: false });
            var skipped = subtask.Tests.Where(t => byIndex[t] is null).Order().ToArray();
            var passed = failed is null && skipped.Length == 0;
            // IOI's minimum over the group: a partial test (a checker's points) caps the subtask at its score.
            var credit = skipped.Length > 0 ? 0 : subtask.Tests.Select(t => byIndex[t]!.Credit).DefaultIfEmpty(1).Min();
            return new SubtaskResult
            {
                Name = subtask.Name,
                Points = subtask.Points,
                Score = passed ? subtask.Points : credit * subtask.Points,
                Verdict = passed ? CodeVerdictKind.Accepted : failed?.Verdict,
                FailedTest = failed?.Index,
                Tests = subtask.Tests,
                Skipped = skipped,
            };
        })];
    }

    private int SubtaskOf(int index) => index >= 0 && index < TestsTotal ? _subtaskOf![index] : -1;

    /// <summary>Each test's credit (1 passed, a checker's partial score, else 0); a test without a result earns 0.</summary>
    private double[] Credits(IReadOnlyList<CodeTestResult> results)
    {
        var credit = new double[TestsTotal];
        foreach (var result in results.Where(r => r.Index >= 0 && r.Index < TestsTotal))
        {
            credit[result.Index] = result.Credit;
        }

        return credit;
    }
}
