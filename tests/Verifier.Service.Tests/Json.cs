using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verifier.Contracts;

namespace Verifier.Service.Tests;

internal static class Json
{
    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static HttpContent Body(params VerifyItem[] items) =>
        JsonContent.Create(new VerifyRequest { Items = items }, VerifierJsonContext.Default.VerifyRequest);

    public static async Task<VerifyResponse> ResultsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize(text, VerifierJsonContext.Default.VerifyResponse)!;
    }

    /// <summary>The problem document of an error response, with its validation errors by field.</summary>
    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public static IReadOnlyCollection<string> ErrorFields(JsonObject problem) =>
        problem["errors"]?.AsObject().Select(e => e.Key).ToArray() ?? [];

    public static VerifyItem Math(string completion, string gold, string? id = null, bool format = false) => new()
    {
        Id = id,
        Completion = completion,
        Math = new MathSpec { Gold = gold },
        Format = format ? new FormatSpec() : null,
    };

    public static VerifyItem Python(string program, CodeTests tests, string? id = null, int? timeMs = null) => new()
    {
        Id = id,
        Completion = $"<think>code</think><answer>```python\n{program}\n```</answer>",
        Code = new CodeSpec { Language = "python", Tests = tests, Limits = timeMs is null ? null : new CodeLimits { TimeMs = timeMs } },
    };

    public static VerifyItem CSharp(string program, CodeTests tests) => new()
    {
        Completion = $"<think>code</think><answer>```csharp\n{program}\n```</answer>",
        Code = new CodeSpec { Language = "csharp", Tests = tests },
    };

    public static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static CodeTests AddTwoNumbers => CodeTests.Io(TestCase.Io("2 3\n", "5\n"), TestCase.Io("10 -4\n", "6\n"));

    public const string AddProgram = "a, b = map(int, input().split())\nprint(a + b)";
}
