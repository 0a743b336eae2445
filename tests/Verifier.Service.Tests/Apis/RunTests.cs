using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verifier.Contracts;

namespace Verifier.Service.Tests.Apis;

/// <summary><c>POST /v1/run</c> end to end: real HTTP, the real sandbox, raw facts back, and the same limits and containment as verify.</summary>
public sealed class RunTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly HttpClient _client = fixture.Host.Client();

    private static RunItem Python(string code, string? stdin = null, int? timeMs = null, string? id = null) => new()
    {
        Id = id,
        Language = "python",
        Code = code,
        Stdin = stdin,
        Limits = timeMs is null ? null : new CodeLimits { TimeMs = timeMs },
    };

    private static HttpContent Body(params RunItem[] items) =>
        JsonContent.Create(new RunRequest { Items = items }, VerifierJsonContext.Default.RunRequest);

    private async Task<IReadOnlyList<RunResult>> RunAsync(params RunItem[] items)
    {
        using var response = await _client.PostAsync("/v1/run", Body(items));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize(text, VerifierJsonContext.Default.RunResponse)!.Results;
    }

    [Fact]
    public async Task Run_ReturnsStdoutAsPrintedWithStderrAndTheExitCode()
    {
        var results = await RunAsync(
            Python("import sys\ns = sys.stdin.read()\nprint(s[::-1], end='  \\n\\n')\nprint('warn', file=sys.stderr)\n", stdin: "abc"),
            Python("import sys\nprint('partial')\nsys.exit(3)\n"));

        var ok = results[0];
        Assert.Equal(("ok", "cba  \n\n"), (ok.Status, ok.Run!.Stdout));
        Assert.Equal((0, "warn\n"), (ok.Run.ExitCode, ok.Run.Stderr));
        Assert.Null(ok.Reason);
        Assert.Equal("ok", ok.Compile?.Status);  // Python's compile step is its syntax check

        var failed = results[1];
        Assert.Equal(("runtime_error", "runtime_error", 3, "partial\n"), (failed.Status, failed.Run!.Status, failed.Run.ExitCode, failed.Run.Stdout));
    }

    [Fact]
    public async Task Run_KeepsLongOutputWholeUpToTheOutputLimit()
    {
        var results = await RunAsync(Python("print('x' * 100000)"), Python("import sys\nwhile True:\n    sys.stdout.write('y' * 65536)\n"));

        Assert.Equal(100_001, results[0].Run!.Stdout.Length);
        Assert.Equal("output_limit", results[1].Status);
        Assert.True(results[1].Run!.Stdout.Length > 100_000, "what came before the limit comes back");
    }

    [Fact]
    public async Task Run_ChargesLimitsAndSignalsToTheProgram()
    {
        var results = await RunAsync(
            Python("while True:\n    pass\n", timeMs: 300),
            Python("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n"),
            Python("chunks = []\nwhile True:\n    chunks.append(b'x' * (1 << 24))\n"));

        Assert.Equal("time_limit", results[0].Status);
        Assert.Equal(("runtime_error", "SIGSEGV"), (results[1].Status, results[1].Run!.Signal));
        Assert.Equal("memory_limit", results[2].Status);
        Assert.All(results, r => Assert.NotNull(r.Reason));
    }

    [Fact]
    public async Task Run_CompiledLanguage_ReportsTheCompilationThenTheRun()
    {
        var good = new RunItem { Language = "cpp", Code = "#include <cstdio>\nint main() { int a, b; std::scanf(\"%d %d\", &a, &b); std::printf(\"%d\\n\", a * b); }", Stdin = "6 7" };
        var broken = good with { Code = "int main() { return missing; }" };

        var results = await RunAsync(good, broken);

        Assert.Equal(("ok", "42\n", "ok"), (results[0].Status, results[0].Run!.Stdout, results[0].Compile!.Status));
        Assert.Equal(("compile_error", "error"), (results[1].Status, results[1].Compile!.Status));
        Assert.Contains("missing", results[1].Compile!.Output);
        Assert.Null(results[1].Run);
    }

    [Fact]
    public async Task Run_HasNoNetworkAndKeepsRequestOrderAndIds()
    {
        const string probe = "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 80), timeout=1)\n    print('reached')\nexcept OSError:\n    print('blocked')\n";
        var results = await RunAsync(Python(probe, id: "net"), Python("print(1)", id: "one"), Python("print(2)", id: "two"));

        Assert.Equal(["net", "one", "two"], results.Select(r => r.Id));
        Assert.Equal([0, 1, 2], results.Select(r => r.Index));
        Assert.Equal(["blocked\n", "1\n", "2\n"], results.Select(r => r.Run!.Stdout));
    }

    [Fact]
    public async Task Run_TakesFilesAndCompileOptions_AndFetchesWhatTheProgramWrote()
    {
        var cpp = new RunItem
        {
            Language = "cpp",
            Code = "#include <cstdio>\n#include \"twice.h\"\nint main() {\n#ifdef ONLINE_JUDGE\n  std::FILE* f = std::fopen(\"out.txt\", \"w\"); std::fprintf(f, \"%d\", twice(21)); std::fclose(f);\n#endif\n  std::printf(\"%ld\\n\", __cplusplus);\n}",
            Files = [new CodeFileSpec { Path = "twice.h", Content = "inline int twice(int x) { return 2 * x; }\n" }],
            CompileOptions = new CompileOptionsSpec { Standard = "c++20", Defines = ["ONLINE_JUDGE"] },
            FetchFiles = ["out.txt", "never.txt"],
        };

        var result = (await RunAsync(cpp))[0];

        Assert.Equal(("ok", "202002\n"), (result.Status, result.Run!.Stdout));
        Assert.Equal(["ok", "missing"], result.Files!.Select(f => f.Status));
        Assert.Equal("42", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(result.Files![0].Content!)));
    }

    [Fact]
    public async Task Run_RefusedFlagsAndBadPaths_Are400sNamingTheirFields()
    {
        var body = new RunRequest
        {
            Items =
            [
                new RunItem { Language = "cpp", Code = "int main() {}", CompileOptions = new CompileOptionsSpec { Defines = ["X -o /tmp/y"] } },
                Python("print(1)") with { Files = [new CodeFileSpec { Path = "../escape.txt", Content = "x" }], FetchFiles = ["/etc/passwd"] },
            ],
        };

        using var response = await _client.PostAsync("/v1/run", JsonContent.Create(body, VerifierJsonContext.Default.RunRequest));
        var fields = Json.ErrorFields(await Json.ProblemAsync(response));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("items[0].compileOptions.defines[0]", fields);
        Assert.Contains("items[1].files[0].path", fields);
        Assert.Contains("items[1].fetchFiles[0]", fields);
    }

    [Fact]
    public async Task Run_MalformedItems_Are400sNamingTheirFields()
    {
        var body = new RunRequest
        {
            Items =
            [
                new RunItem { Language = "cobol", Code = "x" },
                new RunItem { Language = "python", Code = "   " },
                Python("print(1)") with { Limits = new CodeLimits { TimeMs = 0, MemoryMb = 1 << 20 } },
            ],
        };

        using var response = await _client.PostAsync("/v1/run", JsonContent.Create(body, VerifierJsonContext.Default.RunRequest));
        var problem = await Json.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["items[0].language", "items[1].code", "items[2].limits.memoryMb", "items[2].limits.timeMs"],
            Json.ErrorFields(problem).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_EmptyBatch_Is400()
    {
        using var response = await _client.PostAsync("/v1/run", Json.Body("""{"items":[]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("items", Json.ErrorFields(await Json.ProblemAsync(response)));
    }

    [Fact]
    public async Task Run_WithTheSameIdempotencyKey_ReplaysTheFirstResponseWithoutRunningAgain()
    {
        // The program prints a fresh random number: a second run would differ.
        var key = Guid.NewGuid().ToString("N");
        async Task<string> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/run") { Content = Body(Python("import random\nprint(random.random())")) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await _client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Equal(await SendAsync(), await SendAsync());
    }

    [Fact]
    public async Task OpenApi_DescribesTheRunEndpoint()
    {
        var document = JsonNode.Parse(await fixture.Host.Client(apiKey: null).GetStringAsync("/openapi/v1.json"))!;

        Assert.NotNull(document["paths"]?["/v1/run"]?["post"]);
        Assert.NotNull(document["components"]?["schemas"]?["RunResult"]);
    }
}
