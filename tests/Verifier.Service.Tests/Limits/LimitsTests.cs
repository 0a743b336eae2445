using System.Diagnostics;
using System.Net;
using System.Text;
using Verifier.Contracts;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Limits;

/// <summary>Each limit answers with a ProblemDetails that names the field; bad JSON is a 400, never a 500.</summary>
public sealed class LimitsTests : IClassFixture<LimitsTests.SmallLimits>
{
    private readonly HttpClient _client;

    public LimitsTests(SmallLimits fixture) => _client = fixture.Host.Client();

    public sealed class SmallLimits : IDisposable
    {
        public ServiceHost Host { get; } = ServiceHost.Start(new Dictionary<string, string?>
        {
            ["Limits:MaxBodyBytes"] = "200000",
            ["Limits:MaxItems"] = "8",
            ["Limits:MaxCompletionChars"] = "1000",
            ["Limits:MaxTestsPerItem"] = "3",
            ["Limits:MaxTestIoBytes"] = "2000",
        });

        public void Dispose() => Host.Dispose();
    }

    [Fact]
    public async Task BodyOverLimit_Returns413NamingBody()
    {
        var json = "{\"items\":[{\"completion\":\"" + new string('x', 210_000) + "\",\"format\":{}}]}";

        using var response = await _client.PostAsync("/v1/verify", Json.Body(json));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("body", Json.ErrorFields(await Json.ProblemAsync(response)));
    }

    [Fact]
    public async Task TooManyItems_Returns413NamingItems()
    {
        var items = Enumerable.Range(0, 9).Select(i => Json.Math("\\boxed{1}", "1")).ToArray();

        using var response = await _client.PostAsync("/v1/verify", Json.Body(items));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("items", Json.ErrorFields(await Json.ProblemAsync(response)));
    }

    [Fact]
    public async Task LongCompletion_Returns413NamingTheItemsCompletion()
    {
        using var response = await _client.PostAsync("/v1/verify", Json.Body(Json.Math("\\boxed{1}", "1"), Json.Math(new string('9', 1001), "1")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("items[1].completion", Json.ErrorFields(await Json.ProblemAsync(response)));
    }

    [Fact]
    public async Task TooManyTests_Returns413NamingCases()
    {
        var tests = CodeTests.Io([.. Enumerable.Range(0, 4).Select(i => TestCase.Io("", $"{i}"))]);

        using var response = await _client.PostAsync("/v1/verify", Json.Body(Json.Python("print(1)", tests)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("items[0].code.tests.cases", Json.ErrorFields(await Json.ProblemAsync(response)));
    }

    [Fact]
    public async Task TestIoOverLimit_Returns413NamingTests()
    {
        var tests = CodeTests.Io(TestCase.Io(new string('1', 1500), "1"), TestCase.Io(new string('2', 1500), "2"));

        using var response = await _client.PostAsync("/v1/verify", Json.Body(Json.Python("print(1)", tests)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("items[0].code.tests", Json.ErrorFields(await Json.ProblemAsync(response)));
    }

    [Theory]
    [InlineData("{\"items\": [", "items[0]")]
    [InlineData("not json", "body")]
    [InlineData("{\"items\": [{\"completion\": 5, \"format\": {}}]}", "items[0].completion")]
    [InlineData("{\"items\": {}}", "items")]
    public async Task MalformedJson_Returns400NamingWhere(string json, string field)
    {
        using var response = await _client.PostAsync("/v1/verify", Json.Body(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, Json.ErrorFields(await Json.ProblemAsync(response)));
    }

    [Fact]
    public async Task DeeplyNestedJson_IsRejectedQuickly()
    {
        var depth = 50_000;
        var json = "{\"items\":[{\"completion\":\"x\",\"code\":{\"language\":\"python\",\"tests\":{\"kind\":\"function\",\"entryPoint\":\"f\",\"cases\":[{\"args\":"
                   + new string('[', depth) + new string(']', depth) + ",\"expected\":1}]}}}]}";
        var clock = Stopwatch.StartNew();

        using var response = await _client.PostAsync("/v1/verify", Json.Body(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("""{"items":[]}""", "items")]
    [InlineData("""{"items":[{"completion":"x"}]}""", "items[0]")]
    [InlineData("""{"items":[{"completion":"x","math":{"gold":" "}}]}""", "items[0].math.gold")]
    [InlineData("""{"items":[{"completion":"x","math":{"gold":"1","tolerance":-1}}]}""", "items[0].math.tolerance")]
    [InlineData("""{"items":[{"completion":"x","math":{"gold":"1"},"code":{"language":"python","tests":{"kind":"io","cases":[{"stdout":"1"}]}}}]}""", "items[0]")]
    [InlineData("""{"items":[{"completion":"x","code":{"language":"cobol","tests":{"kind":"io","cases":[{"stdout":"1"}]}}}]}""", "items[0].code.language")]
    [InlineData("""{"items":[{"completion":"x","code":{"language":"python","tests":{"kind":"fuzz"}}}]}""", "items[0].code.tests.kind")]
    [InlineData("""{"items":[{"completion":"x","code":{"language":"python","tests":{"kind":"function","entryPoint":"f; import os","cases":[{"args":[1],"expected":1}]}}}]}""", "items[0].code.tests.entryPoint")]
    [InlineData("""{"items":[{"completion":"x","code":{"language":"python","tests":{"kind":"function","entryPoint":"f","cases":[{"args":1,"expected":1}]}}}]}""", "items[0].code.tests.cases[0].args")]
    [InlineData("""{"items":[{"completion":"x","code":{"language":"python","tests":{"kind":"io","cases":[{"stdin":"1"}]}}}]}""", "items[0].code.tests.cases[0].stdout")]
    [InlineData("""{"items":[{"completion":"x","code":{"language":"python","limits":{"timeMs":0},"tests":{"kind":"io","cases":[{"stdout":"1"}]}}}]}""", "items[0].code.limits.timeMs")]
    [InlineData("""{"items":[{"completion":"x","code":{"language":"python","tests":{"kind":"io","tolerance":-1e-6,"cases":[{"stdout":"1"}]}}}]}""", "items[0].code.tests.tolerance")]
    [InlineData("""{"items":[{"completion":"x","code":{"language":"python","tests":{"kind":"assert","tolerance":0,"entryPoint":"f","code":"def check(c): pass"}}}]}""", "items[0].code.tests.tolerance")]
    [InlineData("""{"items":[{"completion":"x","format":{"template":"chatml"}}]}""", "items[0].format.template")]
    [InlineData("""{"items":[{"completion":"x","rewards":{"nope":1}}]}""", "items[0].rewards.nope")]
    public async Task InvalidItem_Returns400NamingTheField(string json, string field)
    {
        using var response = await _client.PostAsync("/v1/verify", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, Json.ErrorFields(await Json.ProblemAsync(response)));
    }
}
