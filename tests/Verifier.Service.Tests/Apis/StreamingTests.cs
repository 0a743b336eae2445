using System.Net.Http.Json;
using System.Text.Json;
using Verifier.Contracts;

namespace Verifier.Service.Tests.Apis;

public sealed class StreamingTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly HttpClient _client = fixture.Host.Client();

    [Fact]
    public async Task Stream_ReturnsEveryItemOnceAsNdjson()
    {
        var items = Enumerable.Range(0, 200).Select(i => Json.Math($"\\boxed{{{i}}}", $"{i}", id: $"s{i}")).ToArray();

        var results = await StreamAsync(items);

        Assert.Equal(items.Length, results.Count);
        Assert.Equal(Enumerable.Range(0, items.Length), results.Select(r => r.Index).Order());
        Assert.All(results, r => Assert.Equal($"s{r.Index}", r.Id));
        Assert.All(results, r => Assert.Equal(1.0, r.Reward));
    }

    [Fact]
    public async Task Stream_WritesFastItemsBeforeASlowOneFinishes()
    {
        var slow = Json.Python("import time\ntime.sleep(1.5)\nprint(5)", Json.AddTwoNumbers, id: "slow", timeMs: 5000);
        var fast = Enumerable.Range(0, 5).Select(i => Json.Math("\\boxed{1}", "1", id: $"fast{i}"));

        var results = await StreamAsync([slow, .. fast]);

        Assert.Equal(6, results.Count);
        Assert.Equal("slow", results[^1].Id);
        Assert.Equal(0, results[^1].Index);
    }

    private async Task<List<VerifyResult>> StreamAsync(VerifyItem[] items)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/verify/stream")
        {
            Content = JsonContent.Create(new VerifyRequest { Items = items }, VerifierJsonContext.Default.VerifyRequest),
        };
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);

        var results = new List<VerifyResult>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            results.Add(JsonSerializer.Deserialize(line, VerifierJsonContext.Default.VerifyResult)!);
        }

        return results;
    }
}
