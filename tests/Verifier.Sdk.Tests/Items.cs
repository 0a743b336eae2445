using Verifier.Contracts;

namespace Verifier.Sdk.Tests;

internal static class Items
{
    /// <summary>Item i is correct unless i is divisible by 3, so each result can be checked against its position.</summary>
    public static VerifyItem[] Math(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new VerifyItem
        {
            Id = $"m{i}",
            Completion = $"<think>t</think><answer>\\boxed{{{(i % 3 == 0 ? i + 1 : i)}}}</answer>",
            Math = new MathSpec { Gold = $"{i}" },
        })];

    public static double ExpectedReward(int i) => i % 3 == 0 ? 0.0 : 1.0;

    public static VerifyItem SlowPython(double seconds, string id = "slow") => new()
    {
        Id = id,
        Completion = $"<answer>```python\nimport time\ntime.sleep({seconds})\nprint(5)\n```</answer>",
        Code = new CodeSpec
        {
            Language = "python",
            Tests = CodeTests.Io(TestCase.Io("", "5\n")),
            Limits = new CodeLimits { TimeMs = 20000 },
        },
    };

    public static VerifierClientOptions Options(params Uri[] endpoints)
    {
        var options = new VerifierClientOptions
        {
            ApiKey = Verifier.TestSupport.ServiceHost.ApiKey,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromSeconds(2),
            HealthProbeInterval = TimeSpan.FromMilliseconds(200),
        };
        foreach (var endpoint in endpoints)
        {
            options.Endpoints.Add(endpoint);
        }

        return options;
    }
}
