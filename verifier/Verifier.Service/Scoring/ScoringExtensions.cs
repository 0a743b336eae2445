using Microsoft.Extensions.Options;
using Verifier.Core.Math;
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
        services.AddSingleton(_ => new MathVerifier());
        services.AddCodeSandbox(configuration);
        services.AddSingleton<ICodeScorer, SandboxCodeScorer>();
        services.AddOptions<LanguageConsistencyOptions>().BindConfiguration(LanguageConsistencyOptions.Section);
        services.AddRewardScripts(configuration);
        services.AddSingleton<ScoringCatalog>();
        services.AddSingleton<ItemScorer>();
        services.AddSingleton<BatchRunner>();
        services.AddSingleton<VerifyHandler>();
        services.AddHealthChecks().AddCheck<SandboxHealthCheck>("sandbox", tags: [HealthApi.ReadyTag]);
        return services;
    }
}
