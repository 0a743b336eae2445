using System.Net;
using System.Text.Json.Nodes;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Compat;

/// <summary>
/// The compat routes as an operator configures them: SandboxFusion under a prefix, OpenRLHF routes of their own, and
/// what each contract says when the service cannot decide (Ruby's image points at one the engine does not have, so a
/// Ruby program cannot be run: the service's failure, not the program's).
/// </summary>
public sealed class ConfiguredCompatTests : IDisposable
{
    private const string PythonLabel = """{"language": "python", "tests": {"kind": "io", "cases": [{"stdin": "", "stdout": "1\n"}]}}""";
    private const string RubyLabel = """{"language": "ruby", "tests": {"kind": "io", "cases": [{"stdin": "", "stdout": "1\n"}]}}""";
    private const string Right = "<answer>```python\nprint(1)\n```</answer>";
    private const string Unrunnable = "<answer>```ruby\nputs 1\n```</answer>";

    private readonly ServiceHost _host = ServiceHost.Start(new Dictionary<string, string?>
    {
        ["Compat:SandboxFusionPrefix"] = "/sandbox",
        ["Compat:OpenRlhf:strict:Task"] = "code",
        ["Compat:OpenRlhf:strict:Format"] = "none",
        ["Compat:OpenRlhf:strict:Unknown"] = "fail",
        ["Compat:OpenRlhf:guess:Task"] = "code",
        ["Compat:OpenRlhf:guess:Format"] = "none",
        ["Compat:OpenRlhf:guess:UnknownReward"] = "-1",
        ["Sandbox:Languages:ruby:Image"] = "verifier-sandbox-absent:1",
    });

    public void Dispose() => _host.Dispose();

    private static string Rewards(params string[] responses) => new JsonObject
    {
        ["query"] = new JsonArray([.. responses.Select(r => JsonValue.Create("Q:" + r))]),
        ["prompts"] = new JsonArray([.. responses.Select(_ => JsonValue.Create("Q:"))]),
        ["labels"] = new JsonArray([.. responses.Select(r => JsonValue.Create(r == Unrunnable ? RubyLabel : PythonLabel))]),
    }.ToJsonString();

    [Fact]
    public async Task SandboxFusion_IsServedUnderThePrefix_WithAndWithoutAPathKey()
    {
        const string json = """{"code": "print('hi')", "language": "python"}""";
        var bearer = await CompatClient.OkAsync(_host, "/sandbox/run_code", json, ServiceHost.ApiKey);
        var pathKey = await CompatClient.OkAsync(_host, $"/compat/{ServiceHost.ApiKey}/sandbox/run_code", json);

        Assert.Equal(("hi\n", "hi\n"), ((string?)bearer["run_result"]!["stdout"], (string?)pathKey["run_result"]!["stdout"]));
        Assert.Equal(HttpStatusCode.NotFound, (await CompatClient.PostAsync(_host, "/run_code", json, ServiceHost.ApiKey)).Status);
    }

    [Fact]
    public async Task SandboxFusion_ServiceFailure_IsSandboxError_NeverARunResult()
    {
        var body = await CompatClient.OkAsync(_host, "/sandbox/run_code", """{"code": "puts 1", "language": "ruby"}""", ServiceHost.ApiKey);

        Assert.Equal("SandboxError", (string?)body["status"]);
        Assert.Null(body["run_result"]);
        Assert.Null(body["compile_result"]);
        Assert.False(string.IsNullOrEmpty((string?)body["message"]));
    }

    [Fact]
    public async Task OpenRlhf_UnknownReward_IsTheConfiguredValue_FlaggedInExtraLogs()
    {
        var body = await CompatClient.OkAsync(_host, "/openrlhf/guess", Rewards(Right, Unrunnable), ServiceHost.ApiKey);

        Assert.Equal([1.0, -1.0], body["rewards"]!.AsArray().Select(n => (double)n!));
        Assert.Equal([0.0, 1.0], body["extra_logs"]!["unknown"]!.AsArray().Select(n => (double)n!));
        Assert.False(body["extra_logs"]!.AsObject().ContainsKey("format"), "the route has no format reward");
    }

    [Fact]
    public async Task OpenRlhf_UnknownReward_FailsTheBatchWithRetryAfter_WhenTheRouteSaysSo()
    {
        var (status, body, response) = await CompatClient.PostAsync(_host, "/openrlhf/strict", Rewards(Right, Unrunnable), ServiceHost.ApiKey);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("1 of 2 rewards are unknown", (string?)body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenRlhf_ConfiguredRoutesReplaceTheBuiltInOnes()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await CompatClient.PostAsync(_host, "/openrlhf/math", Rewards(Right), ServiceHost.ApiKey)).Status);
        var body = await CompatClient.OkAsync(_host, "/openrlhf/strict", Rewards(Right), ServiceHost.ApiKey);
        Assert.Equal([1.0], body["rewards"]!.AsArray().Select(n => (double)n!));
    }
}
