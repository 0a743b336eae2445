using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Compat;

/// <summary>
/// SandboxFusion's <c>POST /run_code</c>, driven with the request verl's sandbox client sends, read the way its code
/// reward reads the answer: <c>status</c>, then <c>compile_result</c> and <c>run_result</c>.
/// </summary>
public sealed class SandboxFusionTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private ServiceHost Host => fixture.Host;

    /// <summary>verl's payload, field for field (verl/utils/reward_score/sandbox_fusion).</summary>
    private static string Verl(string code, string language = "python", string stdin = "", double runTimeout = 10) =>
        new JsonObject
        {
            ["compile_timeout"] = 10,
            ["run_timeout"] = runTimeout,
            ["code"] = code,
            ["stdin"] = stdin,
            ["language"] = language,
            ["files"] = new JsonObject(),
            ["fetch_files"] = new JsonArray(),
        }.ToJsonString();

    private Task<JsonObject> RunAsync(string json) => CompatClient.OkAsync(Host, "/run_code", json, ServiceHost.ApiKey);

    [Fact]
    public async Task Success_HasTheRunResultAndNoCompileResult_ForPython()
    {
        var body = await RunAsync(Verl("import sys\nprint(sys.stdin.read()[::-1])\nprint('note', file=sys.stderr)", stdin: "abc"));

        Assert.Equal("Success", (string?)body["status"]);
        Assert.Equal("", (string?)body["message"]);
        Assert.Null(body["compile_result"]);
        var run = body["run_result"]!;
        Assert.Equal(("Finished", 0, "cba\n", "note\n"), ((string?)run["status"], (int?)run["return_code"], (string?)run["stdout"], (string?)run["stderr"]));
        Assert.True((double)run["execution_time"]! is > 0 and < 10, "seconds, not milliseconds");
        Assert.Empty(body["files"]!.AsObject());
        Assert.True(body.ContainsKey("executor_pod_name"));
    }

    [Fact]
    public async Task NonZeroExit_IsFailedWithFinishedAndItsReturnCode()
    {
        var body = await RunAsync(Verl("import sys\nprint('partial')\nsys.exit(3)"));

        Assert.Equal("Failed", (string?)body["status"]);
        Assert.Equal(("Finished", 3, "partial\n"), ((string?)body["run_result"]!["status"], (int?)body["run_result"]!["return_code"], (string?)body["run_result"]!["stdout"]));
    }

    [Fact]
    public async Task PythonSyntaxError_IsTheRunsFailure_AsSandboxFusionHasNoCompileStepForPython()
    {
        var body = await RunAsync(Verl("print('a'"));

        Assert.Equal("Failed", (string?)body["status"]);
        Assert.Null(body["compile_result"]);
        Assert.Equal(("Finished", 1), ((string?)body["run_result"]!["status"], (int?)body["run_result"]!["return_code"]));
        Assert.Contains("SyntaxError", (string?)body["run_result"]!["stderr"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cpp_ReportsItsCompilation_AndACompileErrorHasNoRunResult()
    {
        var ok = await RunAsync(Verl("#include <cstdio>\nint main() { int a, b; std::scanf(\"%d %d\", &a, &b); std::printf(\"%d\\n\", a + b); }", "cpp", "2 3"));
        Assert.Equal("Success", (string?)ok["status"]);
        Assert.Equal(("Finished", 0), ((string?)ok["compile_result"]!["status"], (int?)ok["compile_result"]!["return_code"]));
        Assert.Equal("5\n", (string?)ok["run_result"]!["stdout"]);

        var broken = await RunAsync(Verl("int main() { return missing; }", "cpp"));
        Assert.Equal("Failed", (string?)broken["status"]);
        Assert.Null(broken["run_result"]);
        var compile = broken["compile_result"]!;
        Assert.Equal(("Finished", 1), ((string?)compile["status"], (int?)compile["return_code"]));
        Assert.Contains("missing", (string?)compile["stderr"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeLimit_IsTimeLimitExceeded_WithinTheRunTimeout()
    {
        var body = await RunAsync(Verl("while True:\n    pass", runTimeout: 1));

        Assert.Equal("Failed", (string?)body["status"]);
        Assert.Equal("TimeLimitExceeded", (string?)body["run_result"]!["status"]);
    }

    [Fact]
    public async Task SignalDeath_IsFinishedWithMinusTheSignal_AsPythonsSubprocessReportsIt()
    {
        var body = await RunAsync(Verl("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)"));

        Assert.Equal(("Finished", -11), ((string?)body["run_result"]!["status"], (int?)body["run_result"]!["return_code"]));
    }

    [Fact]
    public async Task Files_AreRestoredFromBase64_AndFetchFilesComeBackAsBase64()
    {
        var json = new JsonObject
        {
            ["code"] = "data = open('in/data.txt').read()\nopen('out.txt', 'w').write(data.upper())\nprint(len(data))",
            ["language"] = "python",
            ["files"] = new JsonObject { ["in/data.txt"] = Convert.ToBase64String("hello"u8) },
            ["fetch_files"] = new JsonArray("out.txt", "absent.txt"),
        }.ToJsonString();

        var body = await RunAsync(json);

        Assert.Equal("Success", (string?)body["status"]);
        Assert.Equal("5\n", (string?)body["run_result"]!["stdout"]);
        Assert.Equal("HELLO", Encoding.UTF8.GetString(Convert.FromBase64String((string)body["files"]!["out.txt"]!)));
        Assert.False(body["files"]!.AsObject().ContainsKey("absent.txt"));
        Assert.Contains("absent.txt: missing", (string?)body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SandboxFusionLanguageNames_MapToOurs()
    {
        var body = await RunAsync(Verl("console.log([1, 2, 3].map(x => x * 2).join(' '))", "nodejs"));

        Assert.Equal(("Success", "2 4 6\n"), ((string?)body["status"], (string?)body["run_result"]!["stdout"]));
    }

    [Theory]
    [InlineData("""{"code": "print(1)", "language": "sql"}""", "language")]
    [InlineData("""{"language": "python"}""", "code")]
    [InlineData("""{"code": "print(1)", "language": "python", "run_timeout": -1}""", "run_timeout")]
    [InlineData("""{"code": "print(1)", "language": "python", "memory_limit_MB": 0}""", "memory_limit_MB")]
    [InlineData("""{"code": "print(1)", "language": "python", "files": {"../escape.txt": "aGk="}}""", "files")]
    [InlineData("""{"code": "", "language": "python"}""", "code")]
    public async Task BadInput_Is422InFastApisShape_NamingTheField(string json, string field)
    {
        var (status, body, _) = await CompatClient.PostAsync(Host, "/run_code", json, ServiceHost.ApiKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(field, CompatClient.InvalidFields(body));
        Assert.All(body!["detail"]!.AsArray(), e => Assert.False(string.IsNullOrEmpty((string?)e!["msg"])));
    }

    [Fact]
    public async Task MalformedJson_Is422JsonInvalid()
    {
        var (status, body, _) = await CompatClient.PostAsync(Host, "/run_code", """{"code": "print(1)", "language": """, ServiceHost.ApiKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("json_invalid", (string?)body!["detail"]![0]!["type"]);
    }

    [Fact]
    public async Task PathKey_AuthenticatesAClientThatSendsNoHeader()
    {
        var body = await CompatClient.OkAsync(Host, $"/compat/{ServiceHost.ApiKey}/run_code", Verl("print(6 * 7)"));

        Assert.Equal("42\n", (string?)body["run_result"]!["stdout"]);
    }

    [Fact]
    public async Task WrongOrMissingKey_Is401InFastApisShape_AndAWrongPathKeyFailsEvenWithAGoodHeader()
    {
        var (noKey, noKeyBody, _) = await CompatClient.PostAsync(Host, "/run_code", Verl("print(1)"));
        var (wrongPath, wrongPathBody, _) = await CompatClient.PostAsync(Host, "/compat/not-a-key/run_code", Verl("print(1)"), ServiceHost.ApiKey);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (noKey, wrongPath));
        Assert.Contains("API key", (string?)noKeyBody!["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-key", wrongPathBody!.ToJsonString(), StringComparison.Ordinal);
    }
}
