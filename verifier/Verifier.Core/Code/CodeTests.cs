using System.Text.Json;
using Verifier.Core.Code.Checkers;

namespace Verifier.Core.Code;

/// <summary>The tests of one submission: one of <see cref="IoTests"/>, <see cref="FunctionTests"/>, <see cref="AssertTests"/>.</summary>
public abstract record CodeTests
{
    private protected CodeTests()
    {
    }

    public abstract CodeTestKind Kind { get; }

    /// <summary>How many tests count towards the pass fraction (an assert block is one test).</summary>
    public abstract int Count { get; }

    private protected static double? CheckTolerance(double? tolerance) => tolerance is null or (>= 0 and < double.PositiveInfinity)
        ? tolerance
        : throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "a finite, non-negative tolerance");
}

/// <summary>Program-level tests: stdin in, stdout compared outside the sandbox.</summary>
public sealed record IoTests(IReadOnlyList<IoCase> Cases) : CodeTests
{
    private readonly double? _tolerance;

    public override CodeTestKind Kind => CodeTestKind.Io;

    /// <summary>Set: every number compares by value within it (<see cref="NumberRule.Tolerant"/>); null: <see cref="NumberRule.Strict"/>.</summary>
    public double? Tolerance { get => _tolerance; init => _tolerance = CheckTolerance(value); }

    /// <summary>How stdout is held against the expected text; <see cref="Tolerance"/> applies to the tokens checker only.</summary>
    public OutputCheck Checker { get; init; } = OutputCheck.Tokens;

    public override int Count => Cases.Count;
}

/// <summary>One io case. <see cref="Stdout"/> never enters the sandbox.</summary>
public sealed record IoCase(string Stdin, string Stdout);

/// <summary>
/// Calls of <see cref="EntryPoint"/> (<c>name</c>, or <c>Class.method</c> on a fresh instance) with JSON arguments.
/// The return value is serialised to JSON inside the sandbox and compared with <see cref="FunctionCase.Expected"/> outside it.
/// </summary>
public sealed record FunctionTests(string EntryPoint, IReadOnlyList<FunctionCase> Cases) : CodeTests
{
    private readonly double? _tolerance;

    public override CodeTestKind Kind => CodeTestKind.Function;

    /// <summary>As <see cref="IoTests.Tolerance"/>, for the numbers anywhere in the returned JSON.</summary>
    public double? Tolerance { get => _tolerance; init => _tolerance = CheckTolerance(value); }

    public override int Count => Cases.Count;
}

/// <summary>One call: <see cref="Args"/> must be a JSON array. Both elements must outlive the request (use <c>Clone()</c>).</summary>
public sealed record FunctionCase(JsonElement Args, JsonElement Expected);

/// <summary>
/// Caller-written test code. Python: defines <c>check(candidate)</c> (HumanEval), called with <see cref="EntryPoint"/>.
/// C++: a translation unit of its own that declares the functions it calls and defines <c>main</c>.
/// </summary>
public sealed record AssertTests(string EntryPoint, string Code) : CodeTests
{
    public override CodeTestKind Kind => CodeTestKind.Assert;

    public override int Count => 1;
}
