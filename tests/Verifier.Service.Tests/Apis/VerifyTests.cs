using System.Net.Http.Json;
using System.Net;
using Verifier.Contracts;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Apis;

public sealed class VerifyTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly HttpClient _client = fixture.Host.Client();

    [Fact]
    public async Task Verify_MathItems_ReturnsResultsInOrderWithIdsEchoed()
    {
        var items = Enumerable.Range(0, 300)
            .Select(i => Json.Math($"<think>t</think><answer>\\boxed{{{(i % 3 == 0 ? i + 1 : i)}}}</answer>", $"{i}", id: $"item-{i}"))
            .ToArray();

        using var response = await _client.PostAsync("/v1/verify", Json.Body(items));
        var results = (await Json.ResultsAsync(response)).Results;

        Assert.Equal(items.Length, results.Count);
        for (var i = 0; i < items.Length; i++)
        {
            Assert.Equal(i, results[i].Index);
            Assert.Equal($"item-{i}", results[i].Id);
            Assert.Equal(i % 3 == 0 ? 0.0 : 1.0, results[i].Reward);
            Assert.Equal(i % 3 == 0 ? Verdicts.Wrong : Verdicts.Correct, results[i].Verdict);
        }
    }

    [Fact]
    public async Task Verify_MathWithFormat_AddsComponentsWithWeights()
    {
        var good = Json.Math("<think>half</think><answer>\\boxed{0.5}</answer>", "\\frac{1}{2}", format: true);
        var untagged = Json.Math("so the answer is \\boxed{\\frac12}", "\\frac{1}{2}", format: true);
        var weighted = good with { Weights = new RewardWeights { Accuracy = 2.0, Format = 0.25 } };

        using var response = await _client.PostAsync("/v1/verify", Json.Body(good, untagged, weighted));
        var results = (await Json.ResultsAsync(response)).Results;

        Assert.Equal((2.0, 1.0, 1.0), (results[0].Reward, results[0].Accuracy, results[0].Format));
        Assert.Equal((1.0, 1.0, 0.0), (results[1].Reward, results[1].Accuracy, results[1].Format));
        Assert.NotNull(results[1].Detail?.FormatReason);
        Assert.Equal(2.25, results[2].Reward);
        Assert.Equal("0.5", results[0].Detail?.Extracted);
    }

    [Fact]
    public async Task Verify_WhenAnswerMissing_ReportsNoAnswerWithRewardZero()
    {
        var item = Json.Math("<think>I think it is \\boxed{4}</think> and that is all", "4");

        using var response = await _client.PostAsync("/v1/verify", Json.Body(item));
        var result = (await Json.ResultsAsync(response)).Results[0];

        Assert.Equal(Verdicts.NoAnswer, result.Verdict);
        Assert.Equal(0.0, result.Reward);
    }

    [Fact]
    public async Task Verify_FormatOnlyItem_ReportsFormatVerdict()
    {
        var ok = new VerifyItem { Completion = "<think>a</think><answer>b</answer>", Format = new FormatSpec() };
        var broken = new VerifyItem { Completion = "<answer>b</answer>", Format = new FormatSpec() };

        using var response = await _client.PostAsync("/v1/verify", Json.Body(ok, broken));
        var results = (await Json.ResultsAsync(response)).Results;

        Assert.Equal((Verdicts.FormatOk, 1.0), (results[0].Verdict, results[0].Reward));
        Assert.Equal((Verdicts.FormatError, 0.0), (results[1].Verdict, results[1].Reward));
        Assert.Null(results[0].Accuracy);
    }

    [Fact]
    public async Task Verify_CodeItems_RunInTheSandbox()
    {
        var right = Json.Python(Json.AddProgram, Json.AddTwoNumbers, id: "right");
        var wrong = Json.Python("print(5)", Json.AddTwoNumbers, id: "wrong");
        var missing = new VerifyItem { Completion = "<answer>no code here</answer>", Code = right.Code };

        using var response = await _client.PostAsync("/v1/verify", Json.Body(right, wrong, missing));
        var results = (await Json.ResultsAsync(response)).Results;

        Assert.Equal((Verdicts.Accepted, 1.0), (results[0].Verdict, results[0].Reward));
        Assert.Equal(2, results[0].Detail?.Code?.TestsRun);
        Assert.Equal((Verdicts.WrongAnswer, 0.0), (results[1].Verdict, results[1].Reward));
        Assert.Equal((Verdicts.NoCode, 0.0), (results[2].Verdict, results[2].Reward));
    }

    [Fact]
    public async Task Verify_CodeFractionScoring_CountsPassedTests()
    {
        var tests = CodeTests.Io(TestCase.Io("1 1\n", "2\n"), TestCase.Io("2 2\n", "5\n"), TestCase.Io("3 3\n", "6\n"), TestCase.Io("0 0\n", "1\n"));
        var item = Json.Python(Json.AddProgram, tests) with { };
        item = item with { Code = item.Code! with { Scoring = "fraction", RunAllTests = true } };

        using var response = await _client.PostAsync("/v1/verify", Json.Body(item));
        var result = (await Json.ResultsAsync(response)).Results[0];

        Assert.Equal(0.5, result.Reward);
        Assert.Equal(4, result.Detail?.Code?.TestsRun);
    }

    [Fact]
    public async Task Verify_CodeTolerance_DecidesWhetherAFloatMayStandForAnExpectedInteger()
    {
        // 10**9 printed as a float: wrong for an exact integer answer unless the tests state a tolerance.
        var exact = CodeTests.Io(TestCase.Io("", "1000000000\n"));
        var strict = Json.Python("print(1e9)", exact);
        var tolerant = Json.Python("print(1e9)", exact with { Tolerance = 1e-6 });
        var nearby = Json.Python("print(1e9)", CodeTests.Io(TestCase.Io("", "1000000007\n")) with { Tolerance = 0 });

        using var response = await _client.PostAsync("/v1/verify", Json.Body(strict, tolerant, nearby));
        var results = (await Json.ResultsAsync(response)).Results;

        Assert.Equal((Verdicts.WrongAnswer, 0.0), (results[0].Verdict, results[0].Reward));
        Assert.Equal((Verdicts.Accepted, 1.0), (results[1].Verdict, results[1].Reward));
        Assert.Equal((Verdicts.WrongAnswer, 0.0), (results[2].Verdict, results[2].Reward));
    }

    [Fact]
    public async Task Languages_ListsPythonCppAndCSharpWithTheirTestKinds()
    {
        var languages = await _client.GetFromJsonAsync("/v1/languages", VerifierJsonContext.Default.LanguagesResponse);

        var python = Assert.Single(languages!.Languages, l => l.Name == "python");
        Assert.Equal(["assert", "function", "io"], python.TestKinds.Order());
        var cpp = Assert.Single(languages.Languages, l => l.Name == "cpp");
        Assert.Contains("io", cpp.TestKinds);
        Assert.Contains("assert", cpp.TestKinds);
        var csharp = Assert.Single(languages.Languages, l => l.Name == "csharp");
        Assert.Equal(["assert", "function", "io"], csharp.TestKinds.Order());
        Assert.StartsWith("C# ", csharp.Version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CSharpItems_CompileInTheVerifierAndRunInTheSandbox()
    {
        const string program = "var parts = Console.ReadLine()!.Split(' ');\nConsole.WriteLine(int.Parse(parts[0]) + int.Parse(parts[1]));";
        var right = Json.CSharp(program, Json.AddTwoNumbers);
        var broken = Json.CSharp("Console.WriteLine(missing);", Json.AddTwoNumbers);
        var function = Json.CSharp(
            "public static class Solution { public static int Add(int a, int b) => a + b; }",
            CodeTests.Function("Add", TestCase.Call(Json.Element("[2, 3]"), Json.Element("5"))));

        using var response = await _client.PostAsync("/v1/verify", Json.Body(right, broken, function));
        var results = (await Json.ResultsAsync(response)).Results;

        Assert.Equal((Verdicts.Accepted, 1.0), (results[0].Verdict, results[0].Reward));
        Assert.True(results[0].Detail?.Code?.CompileMs > 0);
        Assert.Equal((Verdicts.CompileError, 0.0), (results[1].Verdict, results[1].Reward));
        Assert.Contains("CS0103", results[1].Reason, StringComparison.Ordinal);
        Assert.Equal((Verdicts.Accepted, 1.0), (results[2].Verdict, results[2].Reward));
    }

    [Fact]
    public async Task Health_LiveAndReady_AnswerOk()
    {
        var anonymous = fixture.Host.Client(apiKey: null);

        using var live = await anonymous.GetAsync("/health/live");
        using var ready = await anonymous.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("Healthy", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiAndDocs_AreServed()
    {
        var anonymous = fixture.Host.Client(apiKey: null);

        var document = await anonymous.GetStringAsync("/openapi/v1.json");
        using var docs = await anonymous.GetAsync("/docs");

        Assert.Contains("/v1/verify/stream", document, StringComparison.Ordinal);
        Assert.Contains("/v1/languages", document, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ExposeItemCountsInPrometheusText()
    {
        using var scored = await _client.PostAsync("/v1/verify", Json.Body(Json.Math("\\boxed{1}", "1")));
        scored.EnsureSuccessStatusCode();

        var text = await fixture.Host.Client(apiKey: null).GetStringAsync("/metrics");

        Assert.Contains("verifier_items", text, StringComparison.Ordinal);
        Assert.Contains("verdict=\"correct\"", text, StringComparison.Ordinal);
        Assert.Contains("verifier_queue_items", text, StringComparison.Ordinal);
    }
}
