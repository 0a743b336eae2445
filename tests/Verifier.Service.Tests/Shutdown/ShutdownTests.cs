using System.Net;
using Verifier.Contracts;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Shutdown;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Shutdown_FinishesInFlightWork_RefusesNewWork_AndRemovesEveryContainer()
    {
        var host = ServiceHost.Start(new Dictionary<string, string?> { ["Shutdown:DrainDeadline"] = "00:00:10" });
        var instance = host.SandboxInstance;
        var client = host.Client();
        var slow = Json.Python("import time\ntime.sleep(1)\n" + Json.AddProgram, Json.AddTwoNumbers, timeMs: 5000);
        var inFlight = client.PostAsync("/v1/verify", Json.Body(slow, slow));
        await Admission.BackpressureTests.WaitUntilAsync(() => host.Service<Verifier.Service.Shutdown.ShutdownDrain>().InFlight == 1);

        host.BeginShutdown();
        var refusal = await RefusalAsync(client);
        using var finished = await inFlight;

        // A new connection is refused outright; a request on a kept-alive one gets 503 and Retry-After.
        Assert.True(refusal is null or HttpStatusCode.ServiceUnavailable, $"new work was answered {refusal}");
        Assert.All((await Json.ResultsAsync(finished)).Results, r => Assert.Equal(Verdicts.Accepted, r.Verdict));
        await host.DisposeAsync();
        Assert.Equal(0, await SandboxContainers.WaitForNoneAsync(instance, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Draining_AnswersNewWorkWith503AndRetryAfter()
    {
        using var host = ServiceHost.Start(new Dictionary<string, string?> { ["Shutdown:DrainDeadline"] = "00:00:10" });
        var drain = host.Service<Verifier.Service.Shutdown.ShutdownDrain>();
        var client = host.Client();
        var slow = Json.Python("import time\ntime.sleep(1)\n" + Json.AddProgram, Json.AddTwoNumbers, timeMs: 5000);
        var inFlight = client.PostAsync("/v1/verify", Json.Body(slow));
        await Admission.BackpressureTests.WaitUntilAsync(() => drain.InFlight == 1);

        // The drain state alone, as during the moment between the stop signal and the listener closing.
        drain.RefuseNewWork();
        using var refused = await client.PostAsync("/v1/verify", Json.Body(Json.Math("\\boxed{1}", "1")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        using var finished = await inFlight;
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
    }

    private static async Task<HttpStatusCode?> RefusalAsync(HttpClient client)
    {
        try
        {
            using var response = await client.PostAsync("/v1/verify", Json.Body(Json.Math("\\boxed{1}", "1")));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    [Fact]
    public async Task Shutdown_PastTheDrainDeadline_CancelsWithNullRewards()
    {
        var host = ServiceHost.Start(new Dictionary<string, string?> { ["Shutdown:DrainDeadline"] = "00:00:01" });
        var instance = host.SandboxInstance;
        var endless = Json.Python("import time\ntime.sleep(30)", Json.AddTwoNumbers, timeMs: 20000);
        var inFlight = host.Client().PostAsync("/v1/verify", Json.Body(endless, Json.Math("\\boxed{1}", "1")));

        // In flight counts from the first step of the pipeline; admission comes after parsing, just before the batch.
        await Admission.BackpressureTests.WaitUntilAsync(() => host.Service<Verifier.Service.Admission.AdmissionController>().AdmittedItems == 2);
        await Task.Delay(300);

        host.BeginShutdown();
        using var finished = await inFlight;
        var results = (await Json.ResultsAsync(finished)).Results;

        Assert.Equal(Verdicts.Cancelled, results[0].Verdict);
        Assert.Null(results[0].Reward);
        Assert.Equal(1.0, results[1].Reward);
        await host.DisposeAsync();
        Assert.Equal(0, await SandboxContainers.WaitForNoneAsync(instance, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ClientDisconnect_CancelsItsWorkAndItsContainers()
    {
        using var host = ServiceHost.Start(new Dictionary<string, string?> { ["Sandbox:WarmContainers"] = "0" });
        var endless = Json.Python("while True: pass", Json.AddTwoNumbers, timeMs: 20000);
        using (var impatient = new CancellationTokenSource())
        {
            var request = host.Client().PostAsync("/v1/verify", Json.Body(endless, endless, endless), impatient.Token);
            await Admission.BackpressureTests.WaitUntilAsync(() => host.Service<Verifier.Service.Shutdown.ShutdownDrain>().InFlight == 1);
            await Task.Delay(1000);
            await impatient.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        }

        await Admission.BackpressureTests.WaitUntilAsync(() => host.Service<Verifier.Service.Shutdown.ShutdownDrain>().InFlight == 0);
        Assert.Equal(0, await SandboxContainers.WaitForNoneAsync(host.SandboxInstance, TimeSpan.FromSeconds(10)));
    }
}
