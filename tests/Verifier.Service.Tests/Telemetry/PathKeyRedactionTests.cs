using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Verifier.Service.Tests.Compat;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Telemetry;

/// <summary>
/// A key in the URL path (<c>/compat/{key}/...</c>, for clients that send no header) reaches no log line or scope at
/// any level, no trace, no metric and no response, whether it is right or wrong.
/// </summary>
public sealed class PathKeyRedactionTests
{
    private const string WrongKey = "wrong-key-SECRET-path-4d1c";

    [Fact]
    public async Task PathKeys_NeverReachLogsTracesMetricsOrResponses()
    {
        var capture = new CapturingLoggerProvider();
        var activities = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            // The service's side only: this test's own HttpClient traces the URLs it was asked to call.
            ActivityStopped = a =>
            {
                if (a.Kind != ActivityKind.Client)
                {
                    activities.Enqueue($"{a.DisplayName} {string.Join(' ', a.TagObjects.Select(t => $"{t.Key}={t.Value}"))}");
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var responses = new List<string>();
        string metrics;
        await using (var host = ServiceHost.Start(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" },
            services => services.AddSingleton<ILoggerProvider>(capture)))
        {
            const string run = """{"code": "print(1)", "language": "python"}""";
            foreach (var path in new[] { $"/compat/{ServiceHost.ApiKey}/run_code", $"/compat/{WrongKey}/run_code", $"/compat/{ServiceHost.ApiKey}/openrlhf/math", $"/compat/{WrongKey}/openrlhf/nope" })
            {
                var (status, body, response) = await CompatClient.PostAsync(host, path, run);
                responses.Add($"{(int)status} {body?.ToJsonString()} {response.Headers}");
            }

            metrics = await host.Client().GetStringAsync("/metrics");
        }

        Assert.StartsWith("200", responses[0], StringComparison.Ordinal);
        Assert.StartsWith("401", responses[1], StringComparison.Ordinal);
        Assert.NotEmpty(capture.Lines);
        Assert.Contains(activities, a => a.Contains("/compat/***/run_code", StringComparison.Ordinal));
        foreach (var key in new[] { ServiceHost.ApiKey, WrongKey })
        {
            Assert.DoesNotContain(capture.Lines, l => l.Contains(key, StringComparison.Ordinal));
            Assert.True(!activities.Any(a => a.Contains(key, StringComparison.Ordinal)), string.Join('\n', activities.Where(a => a.Contains(key, StringComparison.Ordinal))));
            Assert.DoesNotContain(responses, r => r.Contains(key, StringComparison.Ordinal));
            Assert.DoesNotContain(key, metrics, StringComparison.Ordinal);
        }
    }
}
