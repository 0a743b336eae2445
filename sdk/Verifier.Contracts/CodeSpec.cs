using System.Text.Json;

namespace Verifier.Contracts;

public sealed record CodeSpec
{
    /// <summary>A name from <c>GET /v1/languages</c>: <c>python</c>, <c>cpp</c>, ...</summary>
    public required string Language { get; init; }

    public required CodeTests Tests { get; init; }

    public CodeLimits? Limits { get; init; }

    /// <summary><c>binary</c> (default): 1 only when every test passes; <c>fraction</c>: the share that passed.</summary>
    public string? Scoring { get; init; }

    /// <summary>Run every test even after one fails (needed for a meaningful <c>fraction</c> score).</summary>
    public bool? RunAllTests { get; init; }
}

public sealed record CodeLimits
{
    public int? TimeMs { get; init; }

    public int? MemoryMb { get; init; }
}

/// <summary>
/// The tests for a submission. <see cref="Kind"/> decides which fields apply: <c>io</c> uses cases of
/// stdin/stdout; <c>function</c> uses <see cref="EntryPoint"/> and cases of args/expected; <c>assert</c> uses
/// <see cref="EntryPoint"/> and <see cref="Code"/> (HumanEval-style <c>check(candidate)</c>).
/// </summary>
public sealed record CodeTests
{
    public required string Kind { get; init; }

    public string? EntryPoint { get; init; }

    public string? Code { get; init; }

    public IReadOnlyList<TestCase>? Cases { get; init; }

    /// <summary>
    /// For <c>io</c> and <c>function</c> tests: compare every number by value within this relative tolerance,
    /// integers included (0: equal values). Omitted: an expected integer must be printed or returned as exactly that
    /// integer, and an expected decimal may differ by the service's configured tolerance (1e-6 by default).
    /// </summary>
    public double? Tolerance { get; init; }

    public static CodeTests Io(params IReadOnlyList<TestCase> cases) => new() { Kind = TestKinds.Io, Cases = cases };

    public static CodeTests Function(string entryPoint, params IReadOnlyList<TestCase> cases) =>
        new() { Kind = TestKinds.Function, EntryPoint = entryPoint, Cases = cases };

    public static CodeTests Assert(string entryPoint, string code) =>
        new() { Kind = TestKinds.Assert, EntryPoint = entryPoint, Code = code };
}

public sealed record TestCase
{
    public string? Stdin { get; init; }

    public string? Stdout { get; init; }

    /// <summary>A JSON array of arguments for a <c>function</c> test.</summary>
    public JsonElement? Args { get; init; }

    public JsonElement? Expected { get; init; }

    public static TestCase Io(string stdin, string stdout) => new() { Stdin = stdin, Stdout = stdout };

    public static TestCase Call(JsonElement args, JsonElement expected) => new() { Args = args, Expected = expected };
}

public static class TestKinds
{
    public const string Io = "io";
    public const string Function = "function";
    public const string Assert = "assert";
}
