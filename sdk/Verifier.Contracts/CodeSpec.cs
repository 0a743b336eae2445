using System.Text.Json;

namespace Verifier.Contracts;

public sealed record CodeSpec
{
    /// <summary>A name from <c>GET /v1/languages</c>: <c>python</c>, <c>cpp</c>, ...</summary>
    public required string Language { get; init; }

    public required CodeTests Tests { get; init; }

    public CodeLimits? Limits { get; init; }

    /// <summary>
    /// How the tests become the reward: <c>binary</c> (default), 1 only when every
    /// test passes; <c>fraction</c>, the share that passed; <c>weighted</c>, the passed tests' <c>weight</c>s over all
    /// weights; <c>subtasks</c>, the points of the subtasks whose every test passed over all points
    /// (<c>tests.subtasks</c>). Example: <c>"subtasks"</c>.
    /// </summary>
    public string? Scoring { get; init; }

    /// <summary>
    /// Run every test even after one fails. <c>fraction</c> and <c>weighted</c> always do; under <c>subtasks</c> it also
    /// runs the tests of a subtask after its first failure, which are otherwise skipped.
    /// </summary>
    public bool? RunAllTests { get; init; }

    /// <summary>
    /// Files placed in the working directory before the program compiles and runs: headers, data files the program
    /// reads, more sources (for <c>io</c> and <c>function</c> tests C++ compiles and links the <c>.cpp</c>, <c>.cc</c>
    /// and <c>.cxx</c> ones, C# compiles the <c>.cs</c> ones with the submission). Paths are relative and unique, and may not take a name the language uses for its own
    /// files. Example: <c>[{"path": "include/util.h", "content": "#define N 5\n"}, {"path": "data.bin", "content": "AAEC", "encoding": "base64"}]</c>.
    /// </summary>
    public IReadOnlyList<CodeFileSpec>? Files { get; init; }

    /// <summary>
    /// Paths read back from the working directory after the submission's last step (its last test, or its compilation
    /// if that failed), returned base64 in <c>detail.code.files</c> within a per-file and a total cap. Reported only:
    /// the reward never depends on them. Example: <c>["out.txt", "logs/run.log"]</c>.
    /// </summary>
    public IReadOnlyList<string>? FetchFiles { get; init; }

    /// <summary>
    /// The compilation's settings, from the language's allow-list (C++, and Rust's edition; <c>io</c> and
    /// <c>function</c> tests only). Example: <c>{"standard": "c++20", "optimize": "O3", "defines": ["ONLINE_JUDGE", "MAXN=100000"]}</c>.
    /// </summary>
    public CompileOptionsSpec? CompileOptions { get; init; }
}

public sealed record CodeLimits
{
    /// <summary>CPU time per test, from 1 to the operator's <c>Sandbox:MaxTimeMs</c>. Example: <c>2000</c>.</summary>
    public int? TimeMs { get; init; }

    /// <summary>Memory of the program, within <c>Sandbox:MinMemoryMb</c>..<c>Sandbox:MaxMemoryMb</c>. Example: <c>256</c>.</summary>
    public int? MemoryMb { get; init; }

    /// <summary>Stdout (and stderr) per test, from 1 to the operator's <c>Sandbox:OutputLimitKb</c> (the default); more is <c>output_limit</c>. Example: <c>64</c>.</summary>
    public int? OutputKb { get; init; }

    /// <summary>The program's stack, from 1 to its memory limit (the default). Example: <c>64</c>.</summary>
    public int? StackMb { get; init; }
}

/// <summary>One file for the working directory. Example: <c>{"path": "include/util.h", "content": "int twice(int x) { return 2 * x; }\n"}</c>.</summary>
public sealed record CodeFileSpec
{
    /// <summary>
    /// Relative to the working directory: up to 8 segments of letters, digits, <c>_</c>, <c>.</c>, <c>+</c> and
    /// <c>-</c>, none empty, <c>.</c> or <c>..</c>, none starting with <c>.</c> or <c>-</c>. Example: <c>"include/util.h"</c>.
    /// </summary>
    public string? Path { get; init; }

    /// <summary>The file's content: text (written as UTF-8), or base64 when <c>encoding</c> says so. Example: <c>"5 7\n"</c>.</summary>
    public string? Content { get; init; }

    /// <summary><c>text</c> (default) or <c>base64</c>. Example: <c>"base64"</c>.</summary>
    public string? Encoding { get; init; }
}

/// <summary>
/// Compile settings chosen from the language's allow-list; the service turns them into flags, so no flag of the
/// caller's reaches the compiler. Example: <c>{"standard": "c++17", "optimize": "O2", "defines": ["ONLINE_JUDGE"]}</c>.
/// </summary>
public sealed record CompileOptionsSpec
{
    /// <summary>
    /// C++: <c>c++11</c>, <c>c++14</c>, <c>c++17</c>, <c>c++20</c>, <c>c++23</c> or their <c>gnu++</c> forms (default
    /// <c>gnu++17</c>). Rust: the edition, <c>2015</c>, <c>2018</c> or <c>2021</c> (default). Java: the release, <c>8</c>
    /// to <c>17</c> (default). Go: the language version, <c>go1.13</c> to <c>go1.19</c> (default). Example: <c>"c++20"</c>.
    /// </summary>
    public string? Standard { get; init; }

    /// <summary>C++: <c>O0</c>, <c>O1</c>, <c>O2</c> (default), <c>O3</c> or <c>Os</c>. Example: <c>"O3"</c>.</summary>
    public string? Optimize { get; init; }

    /// <summary>
    /// Macros, each <c>NAME</c> or <c>NAME=value</c> (an identifier; a value of letters, digits, <c>_</c> and <c>.</c>),
    /// at most 32. <c>ONLINE_JUDGE</c> is always defined. Example: <c>["LOCAL_TESTS", "MAXN=100000"]</c>.
    /// </summary>
    public IReadOnlyList<string>? Defines { get; init; }
}

public static class FileEncodings
{
    public const string Text = "text";
    public const string Base64 = "base64";
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

    /// <summary>
    /// For <c>io</c> tests: how stdout is held against the expected text. Omitted: <c>{"type": "tokens"}</c>. Example:
    /// <c>{"type": "float", "absolute": 1e-6, "relative": 1e-6}</c>.
    /// </summary>
    public CheckerSpec? Checker { get; init; }

    /// <summary>
    /// For <c>scoring: "subtasks"</c>: groups of tests, each worth its points when all its tests pass. Every test is in
    /// exactly one subtask. Example: <c>[{"name": "small", "points": 30, "tests": [0, 1]}, {"name": "large", "points": 70, "tests": [2, 3]}]</c>.
    /// </summary>
    public IReadOnlyList<SubtaskSpec>? Subtasks { get; init; }

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

    /// <summary>For <c>scoring: "weighted"</c>: what this test is worth, 0 or more (omitted: 1). Example: <c>2.5</c>.</summary>
    public double? Weight { get; init; }

    public static TestCase Io(string stdin, string stdout) => new() { Stdin = stdin, Stdout = stdout };

    public static TestCase Call(JsonElement args, JsonElement expected) => new() { Args = args, Expected = expected };
}

public static class TestKinds
{
    public const string Io = "io";
    public const string Function = "function";
    public const string Assert = "assert";
}

/// <summary>
/// An output checker for <c>io</c> tests, chosen by <c>type</c>; only the float checker takes <c>absolute</c>
/// and <c>relative</c>, only the unordered one <c>by</c>, only a custom one <c>language</c>, <c>code</c>,
/// <c>files</c> and <c>limits</c>. Example: <c>{"type": "unordered", "by": "lines"}</c>, or
/// <c>{"type": "custom", "language": "cpp", "code": "#include \"testlib.h\"\nint main(int argc, char* argv[]) { ... }", "files": [{"path": "testlib.h", "content": "..."}]}</c>.
/// </summary>
public sealed record CheckerSpec
{
    /// <summary>
    /// <c>tokens</c> (the default: whitespace-separated tokens line by line, numbers by the rule of <c>tolerance</c>);
    /// <c>exact</c> (the same text, character for character); <c>lines</c> (the same lines, trailing whitespace and
    /// trailing blank lines ignored); <c>float</c> (tokens, decimals within <c>absolute</c> or
    /// <c>relative</c>, integers exact); <c>unordered</c> (the same lines or tokens in any order, each as often as
    /// expected); <c>custom</c> (a checker program of the caller's, testlib's convention: run as
    /// <c>checker input.txt output.txt answer.txt</c> in a sandbox of its own, the verdict in its exit code: 0 ok,
    /// 1 wrong answer, 2 presentation error, 4 dirt, 8 unexpected end of file, 7 points with the score from 0 to 1 the
    /// first number it prints; 3, any other code, a signal or its own limits make the reward null). Example: <c>"float"</c>.
    /// </summary>
    public string? Type { get; init; }

    /// <summary>For <c>float</c>: an absolute tolerance, 0 or more (omitted: 1e-6). Example: <c>1e-9</c>.</summary>
    public double? Absolute { get; init; }

    /// <summary>For <c>float</c>: a tolerance relative to the expected value, from 0 to below 1 (omitted: 1e-6). Example: <c>1e-6</c>.</summary>
    public double? Relative { get; init; }

    /// <summary>For <c>unordered</c>: <c>lines</c> (default) or <c>tokens</c>, what is compared as a multiset. Example: <c>"lines"</c>.</summary>
    public string? By { get; init; }

    /// <summary>For <c>custom</c>: the checker's language, a name from <c>GET /v1/languages</c>. Example: <c>"cpp"</c>.</summary>
    public string? Language { get; init; }

    /// <summary>For <c>custom</c>: the checker's source, as it is (no fence is extracted), at most <c>Sandbox:MaxCodeKb</c>. Example: <c>"import sys\nsys.exit(0)"</c>.</summary>
    public string? Code { get; init; }

    /// <summary>
    /// For <c>custom</c>: files beside the checker's source (a <c>testlib.h</c> of the caller's), as a submission's
    /// files are given, but by flat name (letters, digits, <c>_ . + -</c>, not starting with <c>.</c> or <c>-</c>, up to
    /// 128 characters) and not <c>input.txt</c>, <c>output.txt</c> or <c>answer.txt</c>. Example:
    /// <c>[{"path": "testlib.h", "content": "..."}]</c>.
    /// </summary>
    public IReadOnlyList<CodeFileSpec>? Files { get; init; }

    /// <summary>For <c>custom</c>: the checker's own limits per check, within the sandbox's bounds (omitted: its defaults). Example: <c>{"timeMs": 2000}</c>.</summary>
    public CodeLimits? Limits { get; init; }
}

/// <summary>One subtask of <c>scoring: "subtasks"</c>: it scores its <c>points</c> when every one of its tests passes, else 0.</summary>
public sealed record SubtaskSpec
{
    /// <summary>A label for the result's detail, up to 128 characters (omitted: <c>subtask N</c>). Example: <c>"n ≤ 1000"</c>.</summary>
    public string? Name { get; init; }

    /// <summary>What the subtask is worth, 0 or more (a 0-point subtask runs tests that count for nothing). Example: <c>40</c>.</summary>
    public double? Points { get; init; }

    /// <summary>Indices into <c>tests.cases</c>, from 0. Example: <c>[2, 3, 4]</c>.</summary>
    public IReadOnlyList<int>? Tests { get; init; }
}

public static class CheckerTypes
{
    public const string Tokens = "tokens";
    public const string Exact = "exact";
    public const string Lines = "lines";
    public const string Float = "float";
    public const string Unordered = "unordered";
    public const string Custom = "custom";
}

public static class ScoringModes
{
    public const string Binary = "binary";
    public const string Fraction = "fraction";
    public const string Weighted = "weighted";
    public const string Subtasks = "subtasks";
}
