using System.Net;
using System.Text;

namespace Verifier.Service.Tests.Limits;

/// <summary>Malformed checkers, weights and subtasks are a 400 that names the field by its JSON path, over real HTTP.</summary>
public sealed class JudgingValidationTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly HttpClient _client = fixture.Host.Client();

    /// <summary>An item whose code spec holds <paramref name="scoring"/> and whose tests hold <paramref name="tests"/> (inside the braces).</summary>
    private static string Item(string tests, string scoring = "", string kind = "io", string cases = """[{"stdout":"1"},{"stdout":"2"},{"stdout":"3"}]""") =>
        "{\"items\":[{\"completion\":\"x\",\"code\":{\"language\":\"python\"" + scoring + ",\"tests\":{\"kind\":\"" + kind + "\",\"cases\":" + cases + tests + "}}}]}";

    private async Task<IReadOnlyCollection<string>> FieldsOf400(string json)
    {
        using var response = await _client.PostAsync("/v1/verify", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await Json.ProblemAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {problem}");
        return Json.ErrorFields(problem);
    }

    [Theory]
    [InlineData(""","checker":{"type":"fuzzy"}""", "items[0].code.tests.checker.type")]
    [InlineData(""","checker":{"type":"custom"}""", "items[0].code.tests.checker.language")]
    [InlineData(""","checker":{"type":"custom"}""", "items[0].code.tests.checker.code")]
    [InlineData(""","checker":{"type":"custom","language":"cobol","code":"x"}""", "items[0].code.tests.checker.language")]
    [InlineData(""","checker":{"type":"custom","language":"python","code":"  \n"}""", "items[0].code.tests.checker.code")]
    [InlineData(""","checker":{"type":"custom","language":"python","code":"x","limits":{"timeMs":0}}""", "items[0].code.tests.checker.limits.timeMs")]
    [InlineData(""","checker":{"type":"custom","language":"python","code":"x","limits":{"memoryMb":999999}}""", "items[0].code.tests.checker.limits.memoryMb")]
    [InlineData(""","checker":{"type":"custom","language":"cpp","code":"x","files":[{"path":"answer.txt","content":"1"}]}""", "items[0].code.tests.checker.files[0].path")]
    [InlineData(""","checker":{"type":"custom","language":"cpp","code":"x","files":[{"path":"../testlib.h","content":"1"}]}""", "items[0].code.tests.checker.files[0].path")]
    [InlineData(""","checker":{"type":"custom","language":"cpp","code":"x","files":[{"path":"include/testlib.h","content":"1"}]}""", "items[0].code.tests.checker.files[0].path")]
    [InlineData(""","checker":{"type":"custom","language":"cpp","code":"x","files":[{"path":".hidden","content":"1"}]}""", "items[0].code.tests.checker.files[0].path")]
    [InlineData(""","checker":{"type":"custom","language":"cpp","code":"x","files":[{"path":"a.h","content":"1"},{"path":"a.h","content":"2"}]}""", "items[0].code.tests.checker.files[1].path")]
    [InlineData(""","checker":{"type":"custom","language":"cpp","code":"x","files":[{"path":"a.h"}]}""", "items[0].code.tests.checker.files[0].content")]
    [InlineData(""","checker":{"type":"custom","language":"cpp","code":"x","files":[{"path":"a.h","content":"!!","encoding":"base64"}]}""", "items[0].code.tests.checker.files[0].content")]
    [InlineData(""","checker":{"type":"custom","language":"cpp","code":"x","files":[{"path":"a.h","content":"1","encoding":"gzip"}]}""", "items[0].code.tests.checker.files[0].encoding")]
    [InlineData(""","checker":{"type":"custom","language":"cpp","code":"x","by":"lines"}""", "items[0].code.tests.checker.by")]
    [InlineData(""","checker":{"type":"tokens","code":"x"}""", "items[0].code.tests.checker.code")]
    [InlineData(""","checker":{"type":"exact","language":"python"}""", "items[0].code.tests.checker.language")]
    [InlineData(""","checker":{}""", "items[0].code.tests.checker.type")]
    [InlineData(""","checker":{"type":"float","absolute":-1}""", "items[0].code.tests.checker.absolute")]
    [InlineData(""","checker":{"type":"float","relative":1}""", "items[0].code.tests.checker.relative")]
    [InlineData(""","checker":{"type":"float","relative":"NaN"}""", "items[0].code.tests.checker.relative")]
    [InlineData(""","checker":{"type":"lines","absolute":0.1}""", "items[0].code.tests.checker.absolute")]
    [InlineData(""","checker":{"type":"unordered","by":"words"}""", "items[0].code.tests.checker.by")]
    [InlineData(""","checker":{"type":"exact","by":"lines"}""", "items[0].code.tests.checker.by")]
    [InlineData(""","checker":{"type":"float"},"tolerance":1e-6""", "items[0].code.tests.tolerance")]
    public async Task BadChecker_Returns400NamingTheField(string tests, string field) =>
        Assert.Contains(field, await FieldsOf400(Item(tests)));

    [Fact]
    public async Task CustomCheckerLargerThanASource_Returns413NamingItsCode()
    {
        var header = new string('x', 600 * 1024);
        var json = Item($$""","checker":{"type":"custom","language":"cpp","code":"int main(){}","files":[{"path":"testlib.h","content":"{{header}}"}]}""");

        using var response = await _client.PostAsync("/v1/verify", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await Json.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("items[0].code.tests.checker.code", Json.ErrorFields(problem));
    }

    [Fact]
    public async Task CheckerOnFunctionTests_Returns400NamingTheChecker() =>
        Assert.Contains("items[0].code.tests.checker", await FieldsOf400(Item(""","entryPoint":"f","checker":{"type":"exact"}""", kind: "function", cases: """[{"args":[1],"expected":1}]""")));

    [Theory]
    [InlineData(""","scoring":"weighted" """, """[{"stdout":"1","weight":-1},{"stdout":"2"}]""", "items[0].code.tests.cases[0].weight")]
    [InlineData(""","scoring":"weighted" """, """[{"stdout":"1","weight":"NaN"},{"stdout":"2"}]""", "items[0].code.tests.cases[0].weight")]
    [InlineData(""","scoring":"weighted" """, """[{"stdout":"1","weight":"Infinity"},{"stdout":"2"}]""", "items[0].code.tests.cases[0].weight")]
    [InlineData(""","scoring":"weighted" """, """[{"stdout":"1","weight":0},{"stdout":"2","weight":0}]""", "items[0].code.tests.cases")]
    [InlineData(""","scoring":"fraction" """, """[{"stdout":"1"},{"stdout":"2","weight":2}]""", "items[0].code.tests.cases[1].weight")]
    [InlineData(""","scoring":"ioi" """, """[{"stdout":"1"}]""", "items[0].code.scoring")]
    public async Task BadWeights_Returns400NamingTheField(string scoring, string cases, string field) =>
        Assert.Contains(field, await FieldsOf400(Item("", scoring, cases: cases)));

    [Theory]
    [InlineData(""","subtasks":[{"points":1,"tests":[0,1]},{"points":1,"tests":[1,2]}]""", "items[0].code.tests.subtasks[1].tests[0]")]
    [InlineData(""","subtasks":[{"points":1,"tests":[0,1]},{"points":1,"tests":[2,3]}]""", "items[0].code.tests.subtasks[1].tests[1]")]
    [InlineData(""","subtasks":[{"points":1,"tests":[0,1]}]""", "items[0].code.tests.subtasks")]
    [InlineData(""","subtasks":[{"points":-5,"tests":[0,1]},{"points":1,"tests":[2]}]""", "items[0].code.tests.subtasks[0].points")]
    [InlineData(""","subtasks":[{"tests":[0,1]},{"points":1,"tests":[2]}]""", "items[0].code.tests.subtasks[0].points")]
    [InlineData(""","subtasks":[{"points":0,"tests":[0,1]},{"points":0,"tests":[2]}]""", "items[0].code.tests.subtasks")]
    [InlineData(""","subtasks":[{"points":1,"tests":[]},{"points":1,"tests":[0,1,2]}]""", "items[0].code.tests.subtasks[0].tests")]
    [InlineData("", "items[0].code.tests.subtasks")]
    public async Task BadSubtasks_Returns400NamingTheField(string tests, string field) =>
        Assert.Contains(field, await FieldsOf400(Item(tests, ""","scoring":"subtasks" """)));

    [Fact]
    public async Task SubtasksUnderBinaryScoring_Returns400NamingThem() =>
        Assert.Contains("items[0].code.tests.subtasks", await FieldsOf400(Item(""","subtasks":[{"points":1,"tests":[0,1,2]}]""")));

    [Fact]
    public async Task WeightedScoringOfAssertTests_Returns400NamingTheScoring() =>
        Assert.Contains("items[0].code.scoring", await FieldsOf400(
            """{"items":[{"completion":"x","code":{"language":"python","scoring":"weighted","tests":{"kind":"assert","entryPoint":"f","code":"def check(c): pass"}}}]}"""));

    [Fact]
    public async Task ThousandsOfSubtasks_AreRefusedByTheTestCount()
    {
        var subtasks = string.Join(",", Enumerable.Range(0, 5000).Select(i => $$"""{"points":1,"tests":[{{i}}]}"""));

        Assert.Contains("items[0].code.tests.subtasks", await FieldsOf400(Item($""","subtasks":[{subtasks}]""", ""","scoring":"subtasks" """)));
    }
}
