using System.Net;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Idempotency;

public sealed class IdempotencyTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task RetryWithSameKey_ReturnsStoredResultsWithoutRunningAgain()
    {
        var key = Guid.NewGuid().ToString();
        var item = Json.Python("import time\ntime.sleep(0.3)\n" + Json.AddProgram, Json.AddTwoNumbers);

        var first = await SendAsync(key, Json.Body(item));
        var second = await SendAsync(key, Json.Body(item));

        // The stored bytes come back verbatim: the same elapsed times to the last digit, so nothing ran a second
        // time (a rerun of a program that sleeps 0.3 s cannot reproduce them). No clock here: it was flaky on a
        // busy machine and proved nothing the bytes do not.
        Assert.Equal(first, second);
        Assert.Contains("\"accepted\"", first, StringComparison.Ordinal);
        Assert.Contains("\"elapsedMs\"", first, StringComparison.Ordinal);
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

    [Fact]
    public async Task RetriesWaitingOnAFailedAttempt_RunTheWorkOnceBetweenThem()
    {
        var key = Guid.NewGuid().ToString();
        var item = Json.Python("import time\ntime.sleep(1.5)\n" + Json.AddProgram, Json.AddTwoNumbers);

        // The first attempt's client goes away mid-run, so its claim is abandoned while two retries wait on it.
        using var abort = new CancellationTokenSource();
        var first = SendRawAsync(key, Json.Body(item), abort.Token);
        await Task.Delay(400);
        var retries = new[] { SendAsync(key, Json.Body(item)), SendAsync(key, Json.Body(item)) };
        await Task.Delay(400);
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        var responses = await Task.WhenAll(retries);

        // One retry ran the batch and the other replayed its stored bytes (same elapsed times): not two runs.
        Assert.Equal(responses[0], responses[1]);
        Assert.Contains("\"accepted\"", responses[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyLongerThanTheConfiguredMaximum_Is400_NamingTheHeader()
    {
        using var host = ServiceHost.Start(new Dictionary<string, string?> { ["Idempotency:MaxKeyLength"] = "16" });
        using var tooLong = Request(new string('k', 17), Json.Body(Json.Math("\\boxed{1}", "1")));
        using var longest = Request(new string('k', 16), Json.Body(Json.Math("\\boxed{1}", "1")));

        using var refused = await host.Client().SendAsync(tooLong);
        using var accepted = await host.Client().SendAsync(longest);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await Json.ProblemAsync(refused);
        Assert.Equal("Invalid Idempotency-Key", (string?)problem["title"]);
        Assert.Contains("Idempotency-Key", Json.ErrorFields(problem));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private Task<HttpResponseMessage> SendRawAsync(string key, HttpContent body, CancellationToken cancellationToken)
    {
        var request = Request(key, body);
        return fixture.Host.Client().SendAsync(request, cancellationToken);
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
