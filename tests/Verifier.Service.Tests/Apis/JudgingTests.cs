using System.Diagnostics;
using System.Text.Json.Nodes;
using Verifier.Contracts;

namespace Verifier.Service.Tests.Apis;

/// <summary>Checkers and scoring modes end to end: the wire fields, the real sandbox, and the detail that comes back.</summary>
public sealed class JudgingTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly HttpClient _client = fixture.Host.Client();

    private static VerifyItem Python(string program, CodeTests tests, string? scoring = null) =>
        Json.Python(program, tests) is var item ? item with { Code = item.Code! with { Scoring = scoring } } : item;

    [Fact]
    public async Task Verify_UnorderedChecker_AcceptsAnyOrderButNotEveryCandidate()
    {
        // The divisors of 12, in any order; one per line.
        var tests = CodeTests.Io(TestCase.Io("12\n", "1\n2\n3\n4\n6\n12\n")) with { Checker = new CheckerSpec { Type = "unordered" } };
        var descending = Python("n = int(input())\nfor d in range(n, 0, -1):\n    if n % d == 0: print(d)", tests);
        var everything = Python("n = int(input())\nfor d in range(1, n + 1): print(d)", tests);
        var byDefault = descending with { Code = descending.Code! with { Tests = tests with { Checker = null } } };

        using var response = await _client.PostAsync("/v1/verify", Json.Body(descending, everything, byDefault));
        var results = (await Json.ResultsAsync(response)).Results;

        Assert.Equal(Verdicts.Accepted, results[0].Verdict);
        Assert.Equal(Verdicts.WrongAnswer, results[1].Verdict);
        Assert.Equal(Verdicts.WrongAnswer, results[2].Verdict);
    }

    [Fact]
    public async Task Verify_FloatChecker_TakesItsTolerancesAndKeepsIntegersExact()
    {
        var checker = new CheckerSpec { Type = "float", Absolute = 1e-3, Relative = 0 };
        var close = Python("print(2 ** 0.5)", CodeTests.Io(TestCase.Io("", "1.414\n")) with { Checker = checker });
        var far = Python("print(2 ** 0.5)", CodeTests.Io(TestCase.Io("", "1.412\n")) with { Checker = checker });
        var integer = Python("print(4 ** 0.5)", CodeTests.Io(TestCase.Io("", "2\n")) with { Checker = checker });

        using var response = await _client.PostAsync("/v1/verify", Json.Body(close, far, integer));
        var results = (await Json.ResultsAsync(response)).Results;

        Assert.Equal([Verdicts.Accepted, Verdicts.WrongAnswer, Verdicts.WrongAnswer], results.Select(r => r.Verdict));
    }

    [Fact]
    public async Task Verify_WeightedScoring_RewardsThePassedWeights()
    {
        var tests = CodeTests.Io(TestCase.Io("1 1\n", "2\n") with { Weight = 1 }, TestCase.Io("2 2\n", "5\n") with { Weight = 3 }, TestCase.Io("3 3\n", "6\n") with { Weight = 4 });

        using var response = await _client.PostAsync("/v1/verify", Json.Body(Python(Json.AddProgram, tests, "weighted")));
        var result = (await Json.ResultsAsync(response)).Results[0];

        Assert.Equal((Verdicts.WrongAnswer, 5.0 / 8), (result.Verdict, result.Reward!.Value));
        Assert.Equal(3, result.Detail?.Code?.TestsRun);
    }

    [Fact]
    public async Task Verify_SubtasksWithAFailingGroup_SkipItsLaterTestsAndScoreTheOthers()
    {
        // Right for n <= 100, wrong above; n = 7777 would sleep far past the item's budget if it ran.
        const string program = "import time\nn = int(input())\nif n == 7777: time.sleep(60)\nprint(2 * n if n <= 100 else 0)";
        var tests = CodeTests.Io(
            TestCase.Io("1\n", "2\n"), TestCase.Io("2\n", "4\n"), TestCase.Io("1000\n", "2000\n"), TestCase.Io("7777\n", "15554\n"), TestCase.Io("50\n", "100\n")) with
        {
            Subtasks = [new SubtaskSpec { Name = "small", Points = 30, Tests = [0, 1, 4] }, new SubtaskSpec { Name = "large", Points = 70, Tests = [2, 3] }],
        };
        var clock = Stopwatch.StartNew();

        using var response = await _client.PostAsync("/v1/verify", Json.Body(Python(program, tests, "subtasks")));
        var result = (await Json.ResultsAsync(response)).Results[0];

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}: the skipped test ran");
        Assert.Equal((Verdicts.WrongAnswer, 0.3), (result.Verdict, result.Reward!.Value));
        var code = result.Detail!.Code!;
        Assert.Equal(4, code.TestsRun);
        Assert.Equal(["accepted", "accepted", "wrong_answer", "skipped", "accepted"], code.Tests!.Select(t => t.Verdict));
        var large = code.Subtasks![1];
        Assert.Equal(("large", 0.0, "wrong_answer", 2), (large.Name, large.Score, large.Verdict, large.FailedTest!.Value));
        Assert.Equal([3], large.Skipped);
        Assert.Equal((30.0, "accepted"), (code.Subtasks[0].Score, code.Subtasks[0].Verdict));
    }

    /// <summary>"Print two non-negative integers summing to n", judged by a checker of ours that gives 0.5 to an unbalanced pair.</summary>
    private static CheckerSpec SumChecker(string code) => new() { Type = "custom", Language = "python", Code = code, Limits = new CodeLimits { TimeMs = 1_000 } };

    private const string PointsChecker = """
        import sys
        n = int(open(sys.argv[1]).read())
        tokens = open(sys.argv[2]).read().split()
        if len(tokens) != 2 or not all(t.isdigit() for t in tokens):
            sys.exit(2)
        a, b = map(int, tokens)
        if a + b != n:
            print("they sum to", a + b, file=sys.stderr)
            sys.exit(1)
        print(1 if abs(a - b) <= 1 else 0.5)
        sys.exit(7)
        """;

    [Fact]
    public async Task Verify_CustomChecker_JudgesAnswersNoFixedTextCouldAndReportsPartialScores()
    {
        var tests = CodeTests.Io(TestCase.Io("10\n", "5 5\n"), TestCase.Io("3\n", "1 2\n")) with { Checker = SumChecker(PointsChecker) };
        var balanced = Python("n = int(input())\nprint(n // 2, n - n // 2)", tests, "fraction");
        var unbalanced = Python("n = int(input())\nprint(0, n)", tests, "fraction");
        var wrong = Python("n = int(input())\nprint(n, n)", tests, "fraction");

        using var response = await _client.PostAsync("/v1/verify", Json.Body(balanced, unbalanced, wrong));
        var results = (await Json.ResultsAsync(response)).Results;

        Assert.Equal((Verdicts.Accepted, 1.0), (results[0].Verdict, results[0].Reward!.Value));
        Assert.Equal((Verdicts.WrongAnswer, 0.5), (results[1].Verdict, results[1].Reward!.Value));
        Assert.Equal([0.5, 0.5], results[1].Detail!.Code!.Tests!.Select(t => t.Score!.Value));
        Assert.Contains("points 0.5", results[1].Detail!.Code!.Tests![0].Reason, StringComparison.Ordinal);
        Assert.Equal((Verdicts.WrongAnswer, 0.0), (results[2].Verdict, results[2].Reward!.Value));
        Assert.Contains("they sum to 20", results[2].Detail!.Code!.Tests![0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CustomCheckerThatLoops_IsANullReward_NotTheCandidatesTimeLimit()
    {
        var tests = CodeTests.Io(TestCase.Io("10\n", "5 5\n")) with { Checker = SumChecker("while True:\n    pass") };

        using var response = await _client.PostAsync("/v1/verify", Json.Body(Python("print(5, 5)", tests)));
        var result = (await Json.ResultsAsync(response)).Results[0];

        Assert.Equal(Verdicts.InfraError, result.Verdict);
        Assert.Null(result.Reward);
        Assert.Contains("custom checker failed on test 0", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ExistingRequests_GetNoSubtaskDetail()
    {
        using var response = await _client.PostAsync("/v1/verify", Json.Body(Json.Python(Json.AddProgram, Json.AddTwoNumbers)));
        var code = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]![0]!["detail"]!["code"]!.AsObject();

        Assert.False(code.ContainsKey("subtasks"));
        Assert.False(code["tests"]![0]!.AsObject().ContainsKey("score"));
        Assert.Equal("accepted", code["verdict"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_DescribesCheckersWeightsAndSubtasks()
    {
        var document = JsonNode.Parse(await fixture.Host.Client(apiKey: null).GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!.AsObject();

        var checker = schemas["CheckerSpec"]!["properties"]!.AsObject();
        Assert.Equal(["type", "absolute", "relative", "by", "language", "code", "files", "limits"], checker.Select(p => p.Key));
        Assert.Contains("custom", checker["type"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("testlib.h", checker["files"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(schemas["TestOutcome"]!["properties"]!["score"]!["description"]);
        Assert.Contains("unordered", checker["type"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Example", schemas["SubtaskSpec"]!["properties"]!["points"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(schemas["TestCase"]!["properties"]!["weight"]!["description"]);
        Assert.Contains("subtasks", schemas["CodeSpec"]!["properties"]!["scoring"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(schemas["CodeDetail"]!["properties"]!["subtasks"]);
    }
}
