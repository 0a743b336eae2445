using System.Net;
using Verifier.Tests.Shared;

namespace Verifier.Service.Tests.Idempotency;

public sealed class IdempotencyTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task RetryWithSameKey_ReturnsStoredResultsWithoutRunningAgain()
    {
        var key = Guid.NewGuid().ToString();
        var item = Json.Python("import time\ntime.sleep(0.3)\n" + Json.AddProgram, Json.AddTwoNumbers);

        var first = await SendAsync(key, Json.Body(item));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var second = await SendAsync(key, Json.Body(item));

        // The stored bytes come back verbatim: same elapsed times, so nothing ran a second time.
        Assert.Equal(first, second);
        Assert.Contains("\"accepted\"", first, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(250), $"the replay took {clock.Elapsed}");
    }

    [Fact]
    public async Task SameKeyWithAnotherBody_Returns422()
    {
        var key = Guid.NewGuid().ToString();
        await SendAsync(key, Json.Body(Json.Math("\\boxed{1}", "1")));

        using var request = Request(key, Json.Body(Json.Math("\\boxed{2}", "2")));
        using var response = await fixture.Host.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task SameKeyFromAnotherTenant_IsNotShared()
    {
        var key = Guid.NewGuid().ToString();
        await SendAsync(key, Json.Body(Json.Math("\\boxed{1}", "1")));

        using var request = Request(key, Json.Body(Json.Math("\\boxed{2}", "2")));
        using var response = await fixture.Host.Client(ServiceHost.OtherTenantKey).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ConcurrentRetries_RunTheWorkOnce()
    {
        var key = Guid.NewGuid().ToString();
        var item = Json.Python("import time\ntime.sleep(0.5)\n" + Json.AddProgram, Json.AddTwoNumbers);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendAsync(key, Json.Body(item))));

        Assert.All(responses, r => Assert.Equal(responses[0], r));
    }

    private static HttpRequestMessage Request(string key, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/verify") { Content = body };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<string> SendAsync(string key, HttpContent body)
    {
        using var request = Request(key, body);
        using var response = await fixture.Host.Client().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }
}
