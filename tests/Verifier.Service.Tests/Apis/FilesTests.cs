using System.Text;
using System.Text.Json.Nodes;
using Verifier.Contracts;

namespace Verifier.Service.Tests.Apis;

/// <summary>Extra files, fetched files and compile options end to end: the wire fields, the real sandbox, the detail that comes back.</summary>
public sealed class FilesTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly HttpClient _client = fixture.Host.Client();

    [Fact]
    public async Task Verify_FilesGoInAndFetchedFilesComeBackBase64()
    {
        var item = Json.Python("data = open('in/data.bin', 'rb').read()\nopen('out.txt', 'w').write(str(sum(data)))\nprint(len(data))", CodeTests.Io(TestCase.Io("", "3\n")));
        item = item with
        {
            Code = item.Code! with
            {
                Files = [new CodeFileSpec { Path = "in/data.bin", Content = Convert.ToBase64String([1, 2, 250]), Encoding = FileEncodings.Base64 }],
                FetchFiles = ["out.txt", "missing.txt"],
            },
        };

        using var response = await _client.PostAsync("/v1/verify", Json.Body(item));
        var result = (await Json.ResultsAsync(response)).Results[0];

        Assert.Equal(Verdicts.Accepted, result.Verdict);
        var files = result.Detail!.Code!.Files!;
        Assert.Equal(("out.txt", "ok", 3L, "253"), (files[0].Path, files[0].Status, files[0].Bytes!.Value, Encoding.UTF8.GetString(Convert.FromBase64String(files[0].Content!))));
        Assert.Equal(("missing.txt", "missing", null), (files[1].Path, files[1].Status, files[1].Content));
    }

    [Fact]
    public async Task Verify_CppHeaderAndDefines_Compile()
    {
        var item = new VerifyItem
        {
            Completion = "```cpp\n#include <iostream>\n#include \"lib/twice.h\"\nint main() {\n#ifdef ONLINE_JUDGE\n  std::cout << twice(N) << ' ' << __cplusplus << '\\n';\n#endif\n}\n```",
            Code = new CodeSpec
            {
                Language = "cpp",
                Tests = CodeTests.Io(TestCase.Io("", "42 202002\n")),
                Files = [new CodeFileSpec { Path = "lib/twice.h", Content = "inline int twice(int x) { return 2 * x; }\n" }],
                CompileOptions = new CompileOptionsSpec { Standard = "c++20", Optimize = "O1", Defines = ["N=21"] },
            },
        };

        using var response = await _client.PostAsync("/v1/verify", Json.Body(item));
        var result = (await Json.ResultsAsync(response)).Results[0];

        Assert.True(result.Verdict == Verdicts.Accepted, result.Reason);
        Assert.Null(result.Detail!.Code!.Files);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryFieldOfFilesFetchFilesAndCompileOptionsWithAnExample()
    {
        var document = JsonNode.Parse(await fixture.Host.Client(apiKey: null).GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        string Description(string schema, string property) => schemas[schema]?["properties"]?[property]?["description"]?.GetValue<string>() ?? throw new InvalidOperationException($"{schema}.{property}: {schemas[schema]?.ToJsonString()}");

        foreach (var (schema, property) in new[]
        {
            ("CodeSpec", "files"), ("CodeSpec", "fetchFiles"),
            ("CodeFileSpec", "path"), ("CodeFileSpec", "content"), ("CodeFileSpec", "encoding"),
            ("CompileOptionsSpec", "standard"), ("CompileOptionsSpec", "optimize"), ("CompileOptionsSpec", "defines"),
            ("CodeLimits", "outputKb"), ("CodeLimits", "stackMb"),
        })
        {
            Assert.Contains("Example", Description(schema, property), StringComparison.Ordinal);
        }

        // An object-typed property is a $ref, which carries no description of its own: its type's summary does.
        Assert.Contains("Example", schemas["CompileOptionsSpec"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("not_regular", Description("FetchedFileOutcome", "status"), StringComparison.Ordinal);
        Assert.NotNull(schemas["CodeDetail"]!["properties"]!["files"]);
    }
}
