using System.Text.Json;
using System.Text.Json.Nodes;
using Verifier.Cli.CodeGrading;
using Verifier.Cli.Grading;
using Verifier.TestSupport;

namespace Verifier.Cli.Tests.CodeGrading;

/// <summary>The real service on loopback, shared by the class: code runs in its sandbox.</summary>
public sealed class LiveService : IDisposable
{
    public ServiceHost Host { get; } = ServiceHost.Start();

    public void Dispose() => Host.Dispose();
}

public sealed class GradeCodeCommandTests(LiveService service) : IClassFixture<LiveService>, IDisposable
{
    private const string AddTwo = "print(sum(map(int, input().split())))";

    private readonly string _dir = Directory.CreateTempSubdirectory("verifier-grade-code-").FullName;

    [Fact]
    public async Task GradeCode_Apps_RightAndWrongSolutions_AreTrueAndFalse_BadRowsNamedBySkipped()
    {
        var io = JsonSerializer.Serialize("""{"inputs": ["2 3\n", "10 -4\n"], "outputs": ["5\n", "6\n"]}""");
        var function = JsonSerializer.Serialize("""{"fn_name": "pair", "inputs": [[1, 2]], "outputs": [[[2, 1]]]}""");
        var input = Write(
            $$"""{"problem_id": 1, "input_output": {{io}}, "completion": {{JsonSerializer.Serialize(Python(AddTwo))}}}""",
            $$"""{"problem_id": 2, "input_output": {{io}}, "completion": {{JsonSerializer.Serialize(Python("print(0)"))}}}""",
            """{"problem_id": 3, "completion": "no tests in this row"}""",
            $$"""{"problem_id": 4, "input_output": {{function}}, "completion": {{JsonSerializer.Serialize(Python("def pair(a, b):\n    return [b, a]"))}}}""",
            """{"problem_id": 5, "input_output": "{\"inputs\": [], \"outputs\": []}", "completion": "```python\nprint(1)\n```"}""");

        var (code, stdout, stderr, rows) = await GradeCodeAsync("apps", input);

        Assert.Equal(ExitCodes.BadLines, code);
        Assert.Equal([1, 2, 4], rows.Select(r => (int)r["line"]!));
        Assert.Equal([true, false, true], rows.Select(r => (bool?)r["correct"]));
        Assert.Equal([1.0, 0.0, 1.0], rows.Select(r => (double?)r["reward"]));
        Assert.Equal(["accepted", "wrong_answer", "accepted"], rows.Select(r => (string?)r["verdict"]));
        Assert.Equal(2, (int?)rows[1]["id"]);
        Assert.Contains($"{input}:3: skipped: not a apps row: 'input_output': missing", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}:5: skipped: not a apps row: 'input_output': no tests", stderr, StringComparison.Ordinal);
        Assert.Contains("rows: 3, correct: 2, wrong: 1, undecided: 0, skipped: 2", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GradeCode_HumanEval_CanonicalPasses_AndAHelperTheCandidateRedefinesCannotCheat()
    {
        const string prompt = "import math\n\n\ndef poly(xs: list, x: float):\n    return sum([coeff * math.pow(x, i) for i, coeff in enumerate(xs)])\n\n\ndef find_zero(xs: list):\n    \"\"\"A zero of poly(xs).\"\"\"\n";
        const string test = "\n\nMETADATA = {}\n\n\ndef check(candidate):\n    for xs in [[1, 2], [-6, 11, -6, 1]]:\n        assert math.fabs(poly(xs, candidate(xs))) < 1e-4\n";
        const string canonical = "    begin, end = -1., 1.\n    while poly(xs, begin) * poly(xs, end) > 0:\n        begin *= 2.0\n        end *= 2.0\n    while end - begin > 1e-10:\n        center = (begin + end) / 2.0\n        if poly(xs, center) * poly(xs, begin) > 0:\n            begin = center\n        else:\n            end = center\n    return begin\n";
        // A policy's shortcut: answer anything, and make poly say it is a zero.
        const string cheat = "import math\n\ndef poly(xs, x):\n    return 0.0\n\ndef find_zero(xs):\n    return 12345.0\n";
        var input = Write(
            HumanEvalRow("HumanEval/32", prompt, test, Python(prompt + canonical)),
            HumanEvalRow("HumanEval/32", prompt, test, Python(cheat)));

        var (code, _, stderr, rows) = await GradeCodeAsync("humaneval", input);

        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Equal([true, false], rows.Select(r => (bool?)r["correct"]));
        Assert.Equal("HumanEval/32", (string?)rows[0]["id"]);
    }

    [Fact]
    public async Task GradeCode_Mbpp_AssertsCallTheCandidateByName()
    {
        const string tests = """["assert remove_Occ(\"hello\",\"l\") == \"heo\"", "assert remove_Occ(\"abcda\",\"a\") == \"bcd\""]""";
        var right = Python("def remove_Occ(s, ch):\n    return s.replace(ch, '', 1)[::-1].replace(ch, '', 1)[::-1]");
        var wrong = Python("def remove_Occ(s, ch):\n    return s.replace(ch, '', 1)");
        var input = Write(
            $$"""{"task_id": 11, "test_list": {{tests}}, "answer": {{JsonSerializer.Serialize(right)}}}""",
            $$"""{"task_id": 11, "test_list": {{tests}}, "answer": {{JsonSerializer.Serialize(wrong)}}}""");

        var (_, _, stderr, rows) = await GradeCodeAsync("mbpp", input, "--completion-field", "answer");

        Assert.True(rows.Count == 2, stderr);
        Assert.Equal([true, false], rows.Select(r => (bool?)r["correct"]));
    }

    [Fact]
    public async Task GradeCode_LiveCodeBench_FunctionalTestsCallTheSolutionMethod()
    {
        var tests = JsonSerializer.Serialize("""[{"input": "[2,7,11,15]\n9", "output": "[0, 1]", "testtype": "functional"}, {"input": "[3,2,4]\n6", "output": "[1, 2]", "testtype": "functional"}]""");
        var metadata = JsonSerializer.Serialize("""{"func_name": "twoSum"}""");
        var right = Python("class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n        for i, x in enumerate(nums):\n            if target - x in seen:\n                return [seen[target - x], i]\n            seen[x] = i");
        var wrong = Python("class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]");
        var input = Write(
            $$"""{"question_id": "1", "public_test_cases": {{tests}}, "private_test_cases": "[]", "metadata": {{metadata}}, "completion": {{JsonSerializer.Serialize(right)}}}""",
            $$"""{"question_id": "1", "public_test_cases": {{tests}}, "private_test_cases": "[]", "metadata": {{metadata}}, "completion": {{JsonSerializer.Serialize(wrong)}}}""");

        var (_, _, stderr, rows) = await GradeCodeAsync("livecodebench", input);

        Assert.True(rows.Count == 2, stderr);
        Assert.Equal([true, false], rows.Select(r => (bool?)r["correct"]));
    }

    [Theory]
    [InlineData(new[] { "--format", "apps", "--input", "x", "--output", "y" }, "--remote is required")]
    [InlineData(new[] { "--input", "x", "--output", "y", "--remote", "http://h" }, "--format is required")]
    [InlineData(new[] { "--format", "leetcode", "--input", "x", "--output", "y", "--remote", "http://h" }, "unknown dataset 'leetcode'")]
    [InlineData(new[] { "--format", "humaneval", "--language", "cpp", "--input", "x", "--output", "y", "--remote", "http://h", "--api-key", "k" }, "humaneval's tests are Python")]
    [InlineData(new[] { "--format", "apps", "--input", "x", "--output", "y", "--remote", "http://h" }, "--remote needs --api-key")]
    [InlineData(new[] { "--format", "humaneval", "--completion-field", "prompt", "--input", "x", "--output", "y", "--remote", "http://h", "--api-key", "k" }, "'prompt' is a field the tests are read from")]
    public void Arguments_Mistakes_AreNamed(string[] args, string message)
    {
        Environment.SetEnvironmentVariable("VERIFIER_API_KEY", null);

        Assert.False(GradeCodeArguments.TryParse(args, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private static string Python(string code) => $"Here is my solution.\n```python\n{code}\n```\n";

    private static string HumanEvalRow(string id, string prompt, string test, string completion) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["task_id"] = id, ["prompt"] = prompt, ["test"] = test, ["entry_point"] = "find_zero", ["completion"] = completion,
    });

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private async Task<(int Code, string Stdout, string Stderr, List<JsonNode> Rows)> GradeCodeAsync(string format, string input, params string[] extra)
    {
        var output = Path.Combine(_dir, $"{Guid.NewGuid():N}.out.jsonl");
        string[] args = ["--format", format, "--input", input, "--output", output, "--quiet", "--remote", service.Host.Address.ToString(), "--api-key", ServiceHost.ApiKey, .. extra];
        Assert.True(GradeCodeArguments.TryParse(args, out var options, out var error), error);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await new GradeCodeCommand(options, stdout, stderr).RunAsync(CancellationToken.None);

        var rows = File.Exists(output) ? File.ReadLines(output).Select(l => JsonNode.Parse(l)!).ToList() : [];
        return (code, stdout.ToString(), stderr.ToString(), rows);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
