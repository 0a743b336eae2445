using System.Net;
using System.Text;

namespace Verifier.Service.Tests.Limits;

/// <summary>Malformed extra files, fetched paths, compile options and limits are a 400 naming the field by its JSON path, over real HTTP.</summary>
public sealed class FilesValidationTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly HttpClient _client = fixture.Host.Client();

    /// <summary>An io item of <paramref name="language"/> whose code spec also holds <paramref name="fields"/> (after a comma).</summary>
    private static string Item(string fields, string language = "python", string kind = "io") =>
        "{\"items\":[{\"completion\":\"x\",\"code\":{\"language\":\"" + language + "\",\"tests\":" +
        (kind == "io" ? """{"kind":"io","cases":[{"stdout":"1"}]}""" : """{"kind":"assert","entryPoint":"f","code":"int main(){}"}""") +
        "," + fields + "}}]}";

    private async Task<IReadOnlyCollection<string>> FieldsOf400(string json)
    {
        using var response = await _client.PostAsync("/v1/verify", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await Json.ProblemAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {problem}");
        return Json.ErrorFields(problem);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    [InlineData("dir/")]
    [InlineData("")]
    [InlineData("-fplugin=x.so")]
    [InlineData(".hidden")]
    [InlineData("with space.txt")]
    [InlineData("quote\\\".h")]
    [InlineData("nul\\u0000.h")]
    [InlineData("back\\\\slash.h")]
    public async Task APathThatCouldLeaveOrConfuse_Returns400AtThePath(string path) =>
        Assert.Contains("items[0].code.files[1].path", await FieldsOf400(Item($$"""
            "files":[{"path":"ok.txt","content":""},{"path":"{{path}}","content":"x"}]
            """)));

    [Theory]
    [InlineData("python", "main.py")]
    [InlineData("python", "solution.py")]
    [InlineData("python", "server.py")]
    [InlineData("python", "main.py/inner.txt")]
    [InlineData("cpp", "main.cpp")]
    [InlineData("cpp", "test.cpp")]
    [InlineData("cpp", "harness.c")]
    [InlineData("cpp", "main")]
    [InlineData("csharp", "harness.dll")]
    public async Task AFileNamedLikeTheLanguagesOwn_Returns400AtThePath(string language, string path) =>
        Assert.Contains("items[0].code.files[0].path", await FieldsOf400(Item($$"""
            "files":[{"path":"{{path}}","content":"x"}]
            """, language)));

    [Theory]
    [InlineData("""[{"path":"a.txt","content":"1"},{"path":"a.txt","content":"2"}]""", "items[0].code.files[1].path")]
    [InlineData("""[{"path":"a","content":"1"},{"path":"a/b","content":"2"}]""", "items[0].code.files[1].path")]
    [InlineData("""[{"path":"a.txt"}]""", "items[0].code.files[0].content")]
    [InlineData("""[{"path":"a.bin","content":"not base64!","encoding":"base64"}]""", "items[0].code.files[0].content")]
    [InlineData("""[{"path":"a.bin","content":"AA==","encoding":"hex"}]""", "items[0].code.files[0].encoding")]
    [InlineData("""[null]""", "items[0].code.files[0]")]
    public async Task MalformedFiles_Return400AtTheField(string files, string field) =>
        Assert.Contains(field, await FieldsOf400(Item($"\"files\":{files}")));

    [Theory]
    [InlineData("""["out.txt","out.txt"]""", "items[0].code.fetchFiles[1]")]
    [InlineData("""["../../proc/1/environ"]""", "items[0].code.fetchFiles[0]")]
    [InlineData("""["/proc/1/environ"]""", "items[0].code.fetchFiles[0]")]
    public async Task MalformedFetchFiles_Return400AtThePath(string fetch, string field) =>
        Assert.Contains(field, await FieldsOf400(Item($"\"fetchFiles\":{fetch}")));

    [Theory]
    [InlineData("""{"defines":["X -o /tmp/y"]}""", "items[0].code.compileOptions.defines[0]")]
    [InlineData("""{"defines":["OK","-fplugin=/tmp/p.so"]}""", "items[0].code.compileOptions.defines[1]")]
    [InlineData("""{"defines":["-B/tmp"]}""", "items[0].code.compileOptions.defines[0]")]
    [InlineData("""{"defines":["@flags.txt"]}""", "items[0].code.compileOptions.defines[0]")]
    [InlineData("""{"defines":["X=\"q\""]}""", "items[0].code.compileOptions.defines[0]")]
    [InlineData("""{"standard":"c++17 -fplugin=x"}""", "items[0].code.compileOptions.standard")]
    [InlineData("""{"standard":"c++98"}""", "items[0].code.compileOptions.standard")]
    [InlineData("""{"optimize":"Ofast"}""", "items[0].code.compileOptions.optimize")]
    [InlineData("""{"optimize":"-O2"}""", "items[0].code.compileOptions.optimize")]
    public async Task ACompileOptionOffTheAllowList_Returns400NamingIt(string options, string field) =>
        Assert.Contains(field, await FieldsOf400(Item($"\"compileOptions\":{options}", "cpp")));

    [Fact]
    public async Task ARefusedFlag_IsNamedInTheMessage()
    {
        using var response = await _client.PostAsync("/v1/verify", new StringContent(Item("""
            "compileOptions":{"defines":["-fplugin=/tmp/p.so"]}
            """, "cpp"), Encoding.UTF8, "application/json"));

        Assert.Contains("-fplugin=/tmp/p.so", (await Json.ProblemAsync(response)).ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("python")]
    [InlineData("csharp")]
    public async Task CompileOptionsForALanguageWithoutThem_Return400(string language) =>
        Assert.Contains("items[0].code.compileOptions", await FieldsOf400(Item("""
            "compileOptions":{"standard":"c++17"}
            """, language)));

    [Fact]
    public async Task CompileOptionsOnCppAssertTests_Return400() =>
        Assert.Contains("items[0].code.compileOptions", await FieldsOf400(Item("""
            "compileOptions":{"optimize":"O0"}
            """, "cpp", kind: "assert")));

    [Theory]
    [InlineData("""{"outputKb":0}""", "items[0].code.limits.outputKb")]
    [InlineData("""{"outputKb":1048577}""", "items[0].code.limits.outputKb")]
    [InlineData("""{"stackMb":0}""", "items[0].code.limits.stackMb")]
    [InlineData("""{"memoryMb":64,"stackMb":65}""", "items[0].code.limits.stackMb")]
    public async Task LimitsOutsideTheOperatorsMaxima_Return400(string limits, string field) =>
        Assert.Contains(field, await FieldsOf400(Item($"\"limits\":{limits}")));

    [Fact]
    public async Task TooManyFiles_Returns413AtTheFiles()
    {
        var files = string.Join(",", Enumerable.Range(0, 65).Select(i => $$"""{"path":"f{{i}}.txt","content":""}"""));
        using var response = await _client.PostAsync("/v1/verify", new StringContent(Item($"\"files\":[{files}]"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("items[0].code.files", Json.ErrorFields(await Json.ProblemAsync(response)));
    }
}
