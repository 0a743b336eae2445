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
        services.AddOptions<RequestLimits>().BindConfiguration(RequestLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidator>();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdmissionOptions>().BindConfiguration(AdmissionOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.TenantMaxItems <= o.GlobalMaxItems, "Admission:TenantMaxItems must not exceed Admission:GlobalMaxItems")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<VerifierMetrics>();
        services.AddSingleton(_ => new MathVerifier());
        services.AddCodeSandbox(configuration);
        services.AddSingleton<ICodeScorer, SandboxCodeScorer>();
        services.AddOptions<LanguageConsistencyOptions>().BindConfiguration(LanguageConsistencyOptions.Section);
        services.AddRewardScripts(configuration);
        services.AddSingleton<ScoringCatalog>();
        services.AddSingleton<RequestValidator>();
        services.AddSingleton<ItemScorer>();
        services.AddSingleton<BatchRunner>();
        services.AddSingleton<AdmissionController>();
        services.AddSingleton<IdempotencyCache>();
        services.AddSingleton<VerifyHandler>();
        services.AddHealthChecks().AddCheck<SandboxHealthCheck>("sandbox", tags: [HealthApi.ReadyTag]);
        return services;
    }
}
