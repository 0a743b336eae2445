using System.Net;
using Verifier.Contracts;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Admission;

public sealed class BackpressureTests
{
    [Fact]
    public async Task TenantQueueFull_Returns429WithRetryAfter_AndOtherTenantsProceed()
    {
        using var host = ServiceHost.Start(new Dictionary<string, string?> { ["Admission:TenantMaxItems"] = "4" });
        var slow = Enumerable.Range(0, 4).Select(_ => Json.Python("import time\ntime.sleep(2)\nprint(5)", Json.AddTwoNumbers, timeMs: 5000)).ToArray();
        var busy = host.Client().PostAsync("/v1/verify", Json.Body(slow));
        await WaitUntilAsync(() => host.Service<Verifier.Service.Admission.AdmissionController>().AdmittedItems == 4);

        using var refused = await host.Client().PostAsync("/v1/verify", Json.Body(Json.Math("\\boxed{1}", "1")));
        using var otherTenant = await host.Client(ServiceHost.OtherTenantKey).PostAsync("/v1/verify", Json.Body(Json.Math("\\boxed{1}", "1")));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, otherTenant.StatusCode);
        using var done = await busy;
        Assert.All((await Json.ResultsAsync(done)).Results, r => Assert.Equal(Verdicts.WrongAnswer, r.Verdict));
    }

    [Fact]
    public async Task RateQuotaExceeded_Returns429()
    {
        using var host = ServiceHost.Start(new Dictionary<string, string?>
        {
            ["Admission:TenantItemsPerSecond"] = "5",
            ["Admission:TenantBurstSeconds"] = "1",
        });
        var five = Enumerable.Range(0, 5).Select(_ => Json.Math("\\boxed{1}", "1")).ToArray();

        using var first = await host.Client().PostAsync("/v1/verify", Json.Body(five));
        using var second = await host.Client().PostAsync("/v1/verify", Json.Body(five));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
    }

    [Fact]
    public async Task AdmittedItems_AreReleasedAfterEachResponse()
    {
        using var host = ServiceHost.Start(new Dictionary<string, string?> { ["Admission:TenantMaxItems"] = "10" });

        for (var i = 0; i < 5; i++)
        {
            using var response = await host.Client().PostAsync("/v1/verify", Json.Body([.. Enumerable.Range(0, 10).Select(_ => Json.Math("\\boxed{1}", "1"))]));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(0, host.Service<Verifier.Service.Admission.AdmissionController>().AdmittedItems);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "the condition did not become true within 10 s");
    }
}
