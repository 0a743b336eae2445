using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Verifier.Service.Admission;
using Verifier.Service.Idempotency;
using Verifier.Service.Limits;
using Verifier.Service.Pipeline;
using Verifier.Service.Shutdown;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Tests.Pipeline;

/// <summary>
/// A new endpoint (as a compatibility route would be) gets the whole shared request pipeline from a spec and one
/// call, with its own request type, validator and replay: no Docker, no verify handler, real HTTP on loopback.
/// </summary>
public sealed class ComposedEndpointTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private int _runs;

    public sealed record SumRequest(IReadOnlyList<int> Numbers, bool Hold = false);

    private sealed class SumValidator : IRequestValidator<SumRequest>
    {
        public ValidationErrors Validate(SumRequest? request)
        {
            var errors = new ValidationErrors();
            if (request?.Numbers is not { Count: > 0 })
            {
                errors.Add("numbers", "must hold at least one number");
            }

            return errors;
        }
    }

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Limits:MaxBodyBytes"] = "2048";
        builder.Configuration["Admission:TenantMaxConcurrentRequests"] = "1";
        builder.Services.AddSingleton(TimeProvider.System).AddSingleton<VerifierMetrics>()
            .AddGracefulShutdown().AddRequestLimits().AddIdempotency().AddAdmission()
            .AddSingleton<IRequestValidator<SumRequest>, SumValidator>();
        _app = builder.Build();

        // The whole composition: a spec, the pipeline, a handler that only does its own work.
        var json = (JsonTypeInfo<SumRequest>)JsonSerializerOptions.Web.GetTypeInfo(typeof(SumRequest));
        var spec = new PipelineSpec<SumRequest>("sum", json, r => r.Numbers.Count) { Replay = stored => Results.Bytes(stored, "application/json") };
        _app.MapPost("/compat/sum", (Delegate)SumAsync).WithRequestPipeline(spec);

        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    private async Task<IResult> SumAsync(HttpContext context)
    {
        var request = context.PipelineRequest<SumRequest>().Request;
        Interlocked.Increment(ref _runs);
        if (request.Hold)
        {
            await _release.Task;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new { sum = request.Numbers.Sum(), run = _runs });
        context.IdempotencyTicket()?.Complete(body);
        return Results.Bytes(body, "application/json");
    }

    [Fact]
    public async Task ValidRequest_ReachesTheHandler()
    {
        using var response = await _client.PostAsJsonAsync("/compat/sum", new { numbers = new[] { 1, 2, 3 } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(6, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sum").GetInt32());
    }

    [Theory]
    [InlineData("{\"numbers\": [1, 2", 400, "Malformed JSON", "numbers[1]")]
    [InlineData("{\"numbers\": []}", 400, "Invalid request", "numbers")]
    public async Task BadBody_IsAProblemNamingTheField_AndNeverRuns(string body, int status, string title, string field)
    {
        using var response = await _client.PostAsync("/compat/sum", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, _runs);
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413()
    {
        var numbers = string.Join(',', Enumerable.Repeat("1", 2000));
        using var response = await _client.PostAsync("/compat/sum", new StringContent($"{{\"numbers\": [{numbers}]}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _runs);
    }

    [Fact]
    public async Task SameIdempotencyKey_IsReplayed_AndAnotherBodyIsAConflict()
    {
        var first = await SendAsync("key-1", "{\"numbers\": [4, 5]}");
        var second = await SendAsync("key-1", "{\"numbers\": [4, 5]}");
        using var conflict = await PostAsync("key-1", "{\"numbers\": [9]}");

        Assert.Equal(first, second);
        Assert.Equal(1, _runs);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, conflict.StatusCode);
    }

    [Fact]
    public async Task AdmissionIsHeldUntilTheResponseIsWritten_ThenFreed()
    {
        var held = _client.PostAsJsonAsync("/compat/sum", new { numbers = new[] { 1 }, hold = true });
        await WaitUntilAsync(() => Volatile.Read(ref _runs) == 1);

        using (var refused = await _client.PostAsJsonAsync("/compat/sum", new { numbers = new[] { 2 } }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter is not null);
        }

        _release.SetResult();
        using (var done = await held)
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        using var after = await _client.PostAsJsonAsync("/compat/sum", new { numbers = new[] { 3 } });
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task AFailedAttempt_GivesItsKeyBackToTheRetry()
    {
        var cache = _app.Services.GetRequiredService<IdempotencyCache>();
        var claim = await cache.ClaimAsync("anonymous", "key-2", System.Security.Cryptography.SHA256.HashData("{\"numbers\": [7]}"u8), CancellationToken.None);
        var retry = SendAsync("key-2", "{\"numbers\": [7]}");

        claim.Ticket!.Abandon();

        Assert.Contains("\"sum\":7", await retry, StringComparison.Ordinal);
        Assert.Equal(1, _runs);
    }

    private async Task<string> SendAsync(string key, string body)
    {
        using var response = await PostAsync(key, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/compat/sum") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(IdempotencyCache.Header, key);
        return _client.SendAsync(request);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the held request never reached the handler");
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
