using System.Text.Json.Nodes;
using Verifier.Cli.Grading;
using Verifier.TestSupport;

namespace Verifier.Cli.Tests.Grading;

public sealed class GradeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("verifier-grade-").FullName;

    [Fact]
    public async Task Grade_WritesOneRowPerValidLine_InOrder()
    {
        var input = Write("""
            {"id": "a", "gold": "\\frac{1}{2}", "completion": "<think>x</think><answer>0.5</answer>"}
            {"id": 7, "gold": 3, "completion": "the answer is \\boxed{4}"}

            {"gold": "10", "completion": "<think>\\boxed{10}</think> no answer tag"}
            """);

        var (code, stdout, _, rows) = await GradeAsync(input);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(3, rows.Count);
        Assert.Equal(("a", true, 1.0, "0.5"), ((string?)rows[0]["id"], (bool?)rows[0]["correct"], (double?)rows[0]["reward"], (string?)rows[0]["extracted"]));
        Assert.Equal((7, false, 0.0), ((int?)rows[1]["id"], (bool?)rows[1]["correct"], (double?)rows[1]["reward"]));
        Assert.Equal(4, (int?)rows[2]["line"]);
        Assert.False((bool?)rows[2]["correct"]);
        Assert.Null(rows[2]["extracted"]);
        Assert.Contains("rows: 3, correct: 1, wrong: 2, undecided: 0, skipped: 0", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_BadLines_AreReportedWithLineNumbersAndSkipped()
    {
        var input = Write("""
            {"gold": "1", "completion": "\\boxed{1}"}
            {"completion": "no gold"}
            not json
            {"gold": "2", "completion": ["not", "a", "string"]}
            [1, 2]
            {"gold": "2", "completion": "\\boxed{2}", "id": {"nested": true}}
            {"gold": "3", "completion": "\\boxed{3}"}
            """);

        var (code, stdout, stderr, rows) = await GradeAsync(input);

        Assert.Equal(ExitCodes.BadLines, code);
        Assert.Equal([1, 7], rows.Select(r => (int)r["line"]!));
        Assert.Contains($"{input}:2: skipped: missing 'gold'", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}:3: skipped: invalid JSON", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}:4: skipped: 'completion' must be a string", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}:5: skipped: expected a JSON object", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}:6: skipped: 'id' must be a string or a number", stderr, StringComparison.Ordinal);
        Assert.Contains("skipped: 5", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_WithFormat_AddsTheFormatComponent()
    {
        var input = Write("""
            {"gold": "2", "completion": "<think>1+1</think><answer>2</answer>"}
            {"gold": "2", "completion": "\\boxed{2}"}
            """);

        var (_, _, _, rows) = await GradeAsync(input, "--format");

        Assert.Equal((2.0, 1.0), ((double?)rows[0]["reward"], (double?)rows[0]["format"]));
        Assert.Equal((1.0, 0.0), ((double?)rows[1]["reward"], (double?)rows[1]["format"]));
        Assert.Contains("format:", (string?)rows[1]["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_Remote_ProducesTheSameOutputAsLocal()
    {
        using var host = ServiceHost.Start();
        var lines = Enumerable.Range(0, 300).Select(i =>
            $$"""{"id": "r{{i}}", "gold": "{{i}}", "completion": "<think>t</think><answer>\\boxed{{{(i % 4 == 0 ? i + 2 : i)}}}</answer>"}""");
        var input = Write(string.Join('\n', lines));

        var (localCode, _, _, local) = await GradeAsync(input, "--format");
        var (remoteCode, _, _, remote) = await GradeAsync(input, "--format", "--remote", host.Address.ToString(), "--api-key", ServiceHost.ApiKey, "--batch-size", "64");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (localCode, remoteCode));
        Assert.Equal(local.Select(r => r.ToJsonString()), remote.Select(r => r.ToJsonString()));
    }

    [Theory]
    [InlineData(new[] { "--input", "x.jsonl" }, "--output is required")]
    [InlineData(new[] { "--output", "y.jsonl" }, "--input is required")]
    [InlineData(new[] { "--input", "x", "--output", "y", "--batch-size", "0" }, "--batch-size must be")]
    [InlineData(new[] { "--input", "x", "--output", "y", "--remote", "ftp://h" }, "not an http(s) URL")]
    [InlineData(new[] { "--input", "x", "--output", "y", "--bogus" }, "unknown option '--bogus'")]
    [InlineData(new[] { "--input" }, "--input needs a value")]
    public void Arguments_Mistakes_AreNamed(string[] args, string message)
    {
        Environment.SetEnvironmentVariable("VERIFIER_API_KEY", null);

        Assert.False(GradeArguments.TryParse(args, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_MissingInput_IsAUsageError()
    {
        var (code, _, stderr, _) = await GradeAsync(Path.Combine(_dir, "absent.jsonl"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_WithExtractAnswer_TakesEachCompletionAsTheAnswer()
    {
        var input = Write("""
            {"gold": "\\frac{1}{2}", "completion": "0.5"}
            {"gold": "5", "completion": "The final answer is 5"}
            """);

        var (_, _, _, answers) = await GradeAsync(input, "--extract", "answer");
        var (_, _, _, completions) = await GradeAsync(input); // the default finds no answer in a bare "0.5"

        Assert.Equal([true, false], answers.Select(r => (bool?)r["correct"]));
        Assert.Equal([false, true], completions.Select(r => (bool?)r["correct"]));
    }

    [Fact]
    public void GradeArguments_WhenExtractIsUnknown_NamesTheFlag()
    {
        Assert.False(GradeArguments.TryParse(["--input", "a", "--output", "b", "--extract", "boxed"], out _, out var error));
        Assert.Contains("--extract", error, StringComparison.Ordinal);
    }

    private string Write(string content)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<(int Code, string Stdout, string Stderr, List<JsonNode> Rows)> GradeAsync(string input, params string[] extra)
    {
        var output = Path.Combine(_dir, $"{Guid.NewGuid():N}.out.jsonl");
        Assert.True(GradeArguments.TryParse(["--input", input, "--output", output, "--quiet", .. extra], out var options, out var error), error);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await new GradeCommand(options, stdout, stderr).RunAsync(Graders.Create, CancellationToken.None);

        var rows = File.Exists(output) ? File.ReadLines(output).Select(l => JsonNode.Parse(l)!).ToList() : [];
        return (code, stdout.ToString(), stderr.ToString(), rows);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
