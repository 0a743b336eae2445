using Microsoft.Extensions.Options;
using Verifier.Core.Math;
using Verifier.Core.Rewards;
using Verifier.Core.Scoring;
using Verifier.Sandbox;
using Verifier.Scripting;
using Verifier.Service.Admission;
using Verifier.Service.Apis;
using Verifier.Service.Idempotency;
using Verifier.Service.Limits;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Scoring;

public static class ScoringExtensions
{
    /// <summary>Everything a verify request goes through: limits, admission, idempotency, the scorers.</summary>
    public static IServiceCollection AddVerification(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRequestLimits();
        services.AddIdempotency();
        services.AddAdmission();
        services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<VerifierMetrics>();
        services.AddOptions<MathOptions>().BindConfiguration(MathOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MathOptions>, MathOptions.Validator>();
        services.AddSingleton(sp => new MathVerifier(sp.GetRequiredService<IOptions<MathOptions>>().Value.ToVerifierOptions()));
        services.AddCodeSandbox(configuration);
        services.AddSingleton<ICodeScorer, SandboxCodeScorer>();
        services.AddOptions<LanguageConsistencyOptions>().BindConfiguration(LanguageConsistencyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LanguageConsistencyOptions>, LanguageConsistencyOptionsValidator>();
        services.AddSingleton<IRewardComponentSource, LanguageConsistencyComponents>();
        services.AddRewardScripts(configuration);
        services.AddSingleton<RewardCatalog>();
        services.AddSingleton<ScoringPolicy>();
        services.AddSingleton<ScoringCatalog>();
        services.AddHostedService<ResolveScoringAtStart>();
        services.AddSingleton<ItemScorer>();
        services.AddSingleton<TenantCodeGates>();
        services.AddSingleton<BatchRunner>();
        services.AddSingleton<VerifyHandler>();
        services.AddSingleton<RunBatch>();
        services.AddSingleton<RunHandler>();
        services.AddHealthChecks().AddCheck<SandboxHealthCheck>("sandbox", tags: [HealthApi.ReadyTag]);
        return services;
    }
}
