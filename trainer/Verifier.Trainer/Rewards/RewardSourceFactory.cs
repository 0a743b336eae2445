using Verifier.Sdk;
using Verifier.Trainer.Configuration;

namespace Verifier.Trainer.Rewards;

/// <summary>Creates the reward source of a run from its verifier settings.</summary>
public static class RewardSourceFactory
{
    /// <summary>
    /// The verifier reward source: one or more replicas (comma-separated URLs) through the SDK, which batches,
    /// retries and fails over. The key comes from the config or VERIFIER_API_KEY.
    /// </summary>
    public static VerifierRewardSource Create(VerifierConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (string.IsNullOrWhiteSpace(config.Url))
        {
            throw new ArgumentException("The verifier URL is required (--verifier URL or verifier.url in the config).");
        }

        var apiKey = config.ApiKey ?? Environment.GetEnvironmentVariable("VERIFIER_API_KEY");
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("The verifier API key is required (--api-key KEY, verifier.api_key, or VERIFIER_API_KEY).");
        }

        var options = new VerifierClientOptions { ApiKey = apiKey };
        foreach (var url in config.Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"'{url}' is not an absolute http(s) URL.");
            }

            options.Endpoints.Add(uri);
        }

        return new VerifierRewardSource(new VerifierClient(options));
    }
}
