namespace Verifier.Core.Code.Grading;

/// <summary>A group of tests worth <see cref="Points"/> when every one of them passes (IOI's minimum over the group).</summary>
/// <param name="Tests">Test indices (0-based, in the order the tests are listed).</param>
public sealed record Subtask(string Name, double Points, IReadOnlyList<int> Tests);

/// <summary>How one subtask fared.</summary>
public sealed record SubtaskResult
{
    public required string Name { get; init; }

    public required double Points { get; init; }

    /// <summary><see cref="Points"/> when every test passed, else 0.</summary>
    public required double Score { get; init; }

    /// <summary>Accepted, the verdict of the subtask's first failed test, or null when some of its tests never ran for another reason.</summary>
    public CodeVerdictKind? Verdict { get; init; }

    public int? FailedTest { get; init; }

    public required IReadOnlyList<int> Tests { get; init; }

    /// <summary>The subtask's tests that did not run: after its failed test, or cut off by the item's time budget.</summary>
    public required IReadOnlyList<int> Skipped { get; init; }
}
