using System.Diagnostics;
using System.Globalization;
using Verifier.Core.Code;

namespace Verifier.Sandbox.Execution;

/// <summary>
/// The wall time one submission's tests may take together, counted from its first test. A test starts only while
/// the budget lasts, so a submission that is slow on every test (but inside each test's limit) ends with its own
/// <c>time_limit</c> instead of outliving a caller's deadline as a null.
/// </summary>
internal sealed class TestBudget(TimeSpan budget)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public bool Spent => Stopwatch.GetElapsedTime(_started) >= budget;

    public CodeTestResult Exhausted(int index) => new()
    {
        Index = index,
        Verdict = CodeVerdictKind.TimeLimit,
        Reason = string.Create(CultureInfo.InvariantCulture, $"the tests used up the submission's time budget ({budget.TotalSeconds:0.#} s) before test {index + 1}"),
    };
}
