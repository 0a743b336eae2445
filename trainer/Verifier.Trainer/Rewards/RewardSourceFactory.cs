using Verifier.Trainer.Configuration;

namespace Verifier.Trainer.Rewards;

/// <summary>Creates the reward source of a run from its verifier settings.</summary>
public static class RewardSourceFactory
{
    /// <summary>
    /// The verifier reward source, through Verifier.Sdk's VerifierClient.VerifyManyAsync. The SDK is not part of
    /// this build yet, so this refuses to run rather than invent rewards; wiring it is the only change needed
    /// here (see trainer/README.md, "Rewards").
    /// </summary>
    public static IRewardSource Create(VerifierConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (string.IsNullOrWhiteSpace(config.Url))
        {
            throw new ArgumentException("The verifier URL is required (--verifier URL or verifier.url in the config).");
        }

        if (!Uri.TryCreate(config.Url, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"'{config.Url}' is not an absolute URL.");
        }

        throw new NotSupportedException(
            "Scoring through the verifier needs Verifier.Sdk, which this build of the trainer does not reference yet. " +
            "No rewards are invented in its place.");
    }
}
