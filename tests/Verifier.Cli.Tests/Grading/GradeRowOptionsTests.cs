using System.Text.Json.Nodes;
using Verifier.Cli.Grading;
using Verifier.TestSupport;

namespace Verifier.Cli.Tests.Grading;

/// <summary>A row's own math options: each is honoured (the same row without it grades otherwise), and each mistake is reported by line.</summary>
public sealed class GradeRowOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("verifier-row-options-").FullName;

    [Theory]
    [InlineData("""{"gold": "\\frac{1}{2}", "completion": "0.5", "extract": "answer"}""")]
    [InlineData("""{"gold": "3.14159", "completion": "\\boxed{3.1416}", "tolerance": 0.001}""")]
    [InlineData("""{"gold": "0.5", "completion": "\\boxed{0.5004}", "absoluteTolerance": 0.001}""")]
    [InlineData("""{"gold": "42", "completion": "so it comes to 42", "extractionRules": ["boxed", "lastNumber"]}""")]
    public async Task Grade_RowOption_IsHonoured(string withOption)
    {
        var withoutOption = JsonNode.Parse(withOption)!.AsObject();
        foreach (var field in new[] { "extract", "tolerance", "absoluteTolerance", "extractionRules" })
        {
            withoutOption.Remove(field);
        }

        var (code, _, stderr, rows) = await GradeAsync(Write(withOption, withoutOption.ToJsonString()));

        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Equal([true, false], rows.Select(r => (bool?)r["correct"]));
    }

    [Fact]
    public async Task Grade_ExtractGold_ReadsTheGoldSolutionsAnswer_AndIsUndecidedWithoutOne()
    {
        var input = Write(
            """{"gold": "We add 3 and 4 to get 7 apples, so the final answer is 7.", "completion": "\\boxed{7}", "extractGold": true}""",
            """{"gold": "We add 3 and 4 to get 7 apples, so the final answer is 7.", "completion": "\\boxed{7}"}""",
            """{"gold": "no answer in this solution", "completion": "\\boxed{7}", "extractGold": true}""");

        var (_, _, _, rows) = await GradeAsync(input);

        Assert.True((bool?)rows[0]["correct"]);
        Assert.NotEqual(true, (bool?)rows[1]["correct"]);
        Assert.Equal((null, null, "no answer found in the gold solution"), ((bool?)rows[2]["correct"], (double?)rows[2]["reward"], (string?)rows[2]["reason"]));
    }

    [Fact]
    public async Task Grade_AllowSetRelationComparisonFalse_RefusesAnInequalityForAnInterval()
    {
        var input = Write(
            """{"gold": "[5, \\infty)", "completion": "\\boxed{x \\geq 5}"}""",
            """{"gold": "[5, \\infty)", "completion": "\\boxed{x \\geq 5}", "allowSetRelationComparison": false}""");

        var (_, _, _, rows) = await GradeAsync(input);

        Assert.Equal([true, false], rows.Select(r => (bool?)r["correct"]));
    }

    [Fact]
    public async Task Grade_BadRowOptions_AreReportedWithLineNumbersAndSkipped()
    {
        var input = Write(
            """{"gold": "1", "completion": "1", "extract": "boxed"}""",
            """{"gold": "1", "completion": "1", "tolerance": 1}""",
            """{"gold": "1", "completion": "1", "tolerance": "0.1"}""",
            """{"gold": "1", "completion": "1", "absoluteTolerance": -1}""",
            """{"gold": "1", "completion": "1", "extractionRules": ["boxed", "lastLine"]}""",
            """{"gold": "1", "completion": "1", "extractionRules": []}""",
            """{"gold": "1", "completion": "1", "extractionRules": ["boxed", "Boxed"]}""",
            """{"gold": "1", "completion": "1", "extractionRules": [0]}""",
            """{"gold": "1", "completion": "1", "allowSetRelationComparison": "no"}""",
            """{"gold": "1", "completion": "1", "extractGold": 1}""",
            """{"gold": "1", "completion": "\\boxed{1}", "extractGold": null}""");

        var (code, stdout, stderr, rows) = await GradeAsync(input);

        Assert.Equal(ExitCodes.BadLines, code);
        Assert.Equal([11], rows.Select(r => (int)r["line"]!));
        string[] expected =
        [
            "1: skipped: 'extract' must be 'completion' or 'answer'",
            "2: skipped: 'tolerance' must be a relative tolerance",
            "3: skipped: 'tolerance' must be a number",
            "4: skipped: 'absoluteTolerance' must be at least 0",
            "5: skipped: 'extractionRules': unknown rule lastLine (known: boxed, finalAnswerIs, answerLabel, lastMath, lastNumber)",
            "6: skipped: 'extractionRules' must be a non-empty array",
            "7: skipped: 'extractionRules': Boxed is listed twice",
            "8: skipped: 'extractionRules': unknown rule 0",
            "9: skipped: 'allowSetRelationComparison' must be true or false",
            "10: skipped: 'extractGold' must be true or false",
        ];
        Assert.All(expected, message => Assert.Contains($"{input}:{message}", stderr, StringComparison.Ordinal));
        Assert.Contains("skipped: 10", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_Remote_HonoursTheApisRowOptionsAsLocalGradingDoes()
    {
        using var host = ServiceHost.Start();
        var input = Write(
            """{"id": 1, "gold": "\\frac{1}{2}", "completion": "0.5", "extract": "answer"}""",
            """{"id": 2, "gold": "\\frac{1}{2}", "completion": "0.5"}""",
            """{"id": 3, "gold": "3.14159", "completion": "\\boxed{3.1416}", "tolerance": 0.001}""",
            """{"id": 4, "gold": "3.14159", "completion": "\\boxed{3.1416}"}""");

        var (_, _, _, local) = await GradeAsync(input);
        var (code, _, stderr, remote) = await GradeAsync(input, "--remote", host.Address.ToString(), "--api-key", ServiceHost.ApiKey);

        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Equal([true, false, true, false], remote.Select(r => (bool?)r["correct"]));
        Assert.Equal(local.Select(r => r.ToJsonString()), remote.Select(r => r.ToJsonString()));
    }

    [Fact]
    public async Task Grade_Remote_RefusesRowsWithInProcessOnlyOptionsByLine()
    {
        var input = Write(
            """{"gold": "42", "completion": "42", "extractionRules": ["lastNumber"]}""",
            """{"gold": "42", "completion": "42", "absoluteTolerance": 0.1}""",
            """{"gold": "42", "completion": "\\boxed{42}", "extractGold": true}""");

        // No row reaches the replica (nothing listens there): each is refused while the input is read.
        var (code, _, stderr, rows) = await GradeAsync(input, "--remote", "http://127.0.0.1:9", "--api-key", "k");

        Assert.Equal(ExitCodes.BadLines, code);
        Assert.Empty(rows);
        Assert.Contains($"{input}:1: skipped: 'extractionRules' is graded in-process only", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}:2: skipped: 'absoluteTolerance' is graded in-process only", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}:3: skipped: 'extractGold' is graded in-process only", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grade_DatasetMathVerify_BadCasesAreReportedWithLineNumbers()
    {
        var input = Write(
            """{"gold": "1", "pred": "1", "options": {"match_types": ["expr"]}, "expected": true}""",
            """{"gold": "1", "completion": "1", "options": {"match_types": ["expr"]}}""",
            """{"gold": "1", "pred": "1"}""",
            """{"gold": "1", "pred": "1", "options": {"match_types": ["expr"], "precision": 2.5}}""",
            """{"gold": "1", "pred": "1", "options": {"match_types": 3}}""",
            """{"gold": "1", "pred": "1", "options": {"match_types": ["latex"], "allow_set_relation_comp": "yes"}}""");

        var (code, _, stderr, rows) = await GradeAsync(input, "--dataset", "mathverify");

        Assert.Equal(ExitCodes.BadLines, code);
        Assert.Equal([(1, true)], rows.Select(r => ((int)r["line"]!, (bool?)r["correct"])));
        Assert.Contains($"{input}:2: skipped: missing 'pred'", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}:3: skipped: missing 'options'", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}:4: skipped: 'options.precision' must be a whole number", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}:5: skipped: 'options.match_types' must be", stderr, StringComparison.Ordinal);
        Assert.Contains($"{input}:6: skipped: 'options.allow_set_relation_comp' must be true or false", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--dataset", "gsm8k" }, "--dataset must be 'mathverify'")]
    [InlineData(new[] { "--dataset", "mathverify", "--extract", "answer" }, "--extract does not apply")]
    [InlineData(new[] { "--dataset", "mathverify", "--remote", "http://h:1", "--api-key", "k" }, "in-process only")]
    public void GradeArguments_DatasetMistakes_AreNamed(string[] extra, string message)
    {
        Assert.False(GradeArguments.TryParse(["--input", "a", "--output", "b", .. extra], out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private async Task<(int Code, string Stdout, string Stderr, List<JsonNode> Rows)> GradeAsync(string input, params string[] extra)
    {
        var output = Path.Combine(_dir, $"{Guid.NewGuid():N}.out.jsonl");
        Assert.True(GradeArguments.TryParse(["--input", input, "--output", output, "--quiet", .. extra], out var options, out var error), error);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await new GradeCommand(options, stdout, stderr).RunAsync(Graders.Create, TestContext.Current.CancellationToken);

        var rows = File.Exists(output) ? File.ReadLines(output).Select(l => JsonNode.Parse(l)!).ToList() : [];
        return (code, stdout.ToString(), stderr.ToString(), rows);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
