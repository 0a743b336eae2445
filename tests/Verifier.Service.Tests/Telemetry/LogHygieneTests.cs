using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Telemetry;

/// <summary>Logs, at every level, carry neither API keys nor completions.</summary>
public sealed class LogHygieneTests
{
    [Fact]
    public async Task Logs_NeverContainKeysOrCompletions_EvenAtTraceLevel()
    {
        var capture = new CapturingLoggerProvider();
        const string secretCompletion = "<think>SECRET-REASONING-7f3a</think><answer>\\boxed{41}</answer>";
        await using (var host = ServiceHost.Start(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
            services => services.AddSingleton<ILoggerProvider>(capture)))
        {
            using var ok = await host.Client().PostAsync("/v1/verify", Json.Body(Json.Math(secretCompletion, "41")));
            using var refused = await host.Client("wrong-key-SECRET-9c1e").PostAsync("/v1/verify", Json.Body(Json.Math(secretCompletion, "41")));
            using var code = await host.Client().PostAsync("/v1/verify", Json.Body(Json.Python("print('SECRET-OUTPUT-55')", Json.AddTwoNumbers)));
            ok.EnsureSuccessStatusCode();
            code.EnsureSuccessStatusCode();
        }

        Assert.NotEmpty(capture.Lines);
        Assert.DoesNotContain(capture.Lines, l => l.Contains(ServiceHost.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(capture.Lines, l => l.Contains("SECRET", StringComparison.Ordinal));
    }
}
