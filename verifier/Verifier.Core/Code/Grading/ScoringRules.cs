using System.Globalization;

namespace Verifier.Core.Code.Grading;

/// <summary>A problem with a scoring plan: the field, as a JSON path relative to the tests, and what is wrong with it.</summary>
public readonly record struct ScoringProblem(string Field, string Message);

/// <summary>
/// The rules a scoring mode's weights and subtasks must follow, in one place for the service's validation (which
/// names wire fields) and the sandbox's own (which names its request's).
/// </summary>
public static class ScoringRules
{
    public const int MaxSubtaskNameChars = 128;

    /// <summary>Every problem, in field order; none means <see cref="ScoringPlan"/> accepts the plan.</summary>
    /// <param name="weightField">The field of test i's weight (default <c>weights[i]</c>).</param>
    /// <param name="weightsField">The field that holds the weights as a whole (default <c>weights</c>).</param>
    public static IEnumerable<ScoringProblem> Check(
        CodeScoring mode, int tests, IReadOnlyList<double>? weights, IReadOnlyList<Subtask?>? subtasks, Func<int, string>? weightField = null, string weightsField = "weights")
    {
        weightField ??= i => $"weights[{i.ToString(CultureInfo.InvariantCulture)}]";
        if (weights is not null)
        {
            if (mode != CodeScoring.Weighted)
            {
                yield return new(weightsField, "weights apply only to scoring 'weighted'");
            }
            else
            {
                foreach (var problem in CheckWeights(weights, tests, weightField, weightsField))
                {
                    yield return problem;
                }
            }
        }

        if (subtasks is not null && mode != CodeScoring.Subtasks)
        {
            yield return new("subtasks", "subtasks apply only to scoring 'subtasks'");
        }
        else if (mode == CodeScoring.Subtasks)
        {
            foreach (var problem in CheckSubtasks(subtasks, tests))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<ScoringProblem> CheckWeights(IReadOnlyList<double> weights, int tests, Func<int, string> weightField, string weightsField)
    {
        if (weights.Count != tests)
        {
            yield return new(weightsField, $"one weight per test: {tests} tests, {weights.Count} weights");
            yield break;
        }

        var bad = false;
        for (var i = 0; i < weights.Count; i++)
        {
            if (!double.IsFinite(weights[i]) || weights[i] < 0)
            {
                bad = true;
                yield return new(weightField(i), "a finite weight of 0 or more");
            }
        }

        var sum = weights.Sum();
        if (!bad && !(double.IsFinite(sum) && sum > 0))
        {
            yield return new(weightsField, "the weights must add up to a finite number above 0");
        }
    }

    private static IEnumerable<ScoringProblem> CheckSubtasks(IReadOnlyList<Subtask?>? subtasks, int tests)
    {
        if (subtasks is not { Count: > 0 })
        {
            yield return new("subtasks", "scoring 'subtasks' needs at least one subtask");
            yield break;
        }

        // Every subtask holds a test of its own, so there are never more subtasks than tests: the tests' own limit bounds them.
        if (subtasks.Count > tests)
        {
            yield return new("subtasks", $"{subtasks.Count} subtasks for {tests} tests: each subtask needs a test of its own");
            yield break;
        }

        var owner = new int[tests];
        Array.Fill(owner, -1);
        var bad = false;
        for (var s = 0; s < subtasks.Count; s++)
        {
            var at = $"subtasks[{s.ToString(CultureInfo.InvariantCulture)}]";
            if (subtasks[s] is not { } subtask)
            {
                bad = true;
                yield return new(at, "must be an object");
                continue;
            }

            if (subtask.Name is null || subtask.Name.Length > MaxSubtaskNameChars)
            {
                yield return new($"{at}.name", $"a name of at most {MaxSubtaskNameChars} characters");
            }

            if (!double.IsFinite(subtask.Points) || subtask.Points < 0)
            {
                bad = true;
                yield return new($"{at}.points", "finite points of 0 or more");
            }

            if (subtask.Tests is not { Count: > 0 })
            {
                bad = true;
                yield return new($"{at}.tests", "at least one test index");
                continue;
            }

            for (var k = 0; k < subtask.Tests.Count; k++)
            {
                var test = subtask.Tests[k];
                var field = $"{at}.tests[{k.ToString(CultureInfo.InvariantCulture)}]";
                if (test < 0 || test >= tests)
                {
                    bad = true;
                    yield return new(field, $"no test {test}: the tests are numbered 0 to {tests - 1}");
                    break;
                }

                if (owner[test] >= 0)
                {
                    bad = true;
                    yield return new(field, $"test {test} is already in {(owner[test] == s ? "this subtask" : $"subtasks[{owner[test]}]")}: a test belongs to one subtask");
                    break;
                }

                owner[test] = s;
            }
        }

        if (bad)
        {
            yield break;
        }

        var orphans = Enumerable.Range(0, tests).Where(t => owner[t] < 0).ToArray();
        if (orphans.Length > 0)
        {
            var listed = string.Join(", ", orphans.Take(10)) + (orphans.Length > 10 ? ", ..." : "");
            var which = orphans.Length == 1 ? $"test {listed} belongs" : $"tests {listed} belong";
            yield return new("subtasks", $"{which} to no subtask (a subtask of 0 points runs tests that count for nothing)");
        }

        var points = subtasks.Sum(s => s!.Points);
        if (!(double.IsFinite(points) && points > 0))
        {
            yield return new("subtasks", "the subtasks' points must add up to a finite number above 0");
        }
    }
}
