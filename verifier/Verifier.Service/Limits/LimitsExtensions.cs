using Verifier.Contracts;
using Verifier.Service.Pipeline;

namespace Verifier.Service.Limits;

public static class LimitsExtensions
{
    /// <summary>What one request may hold (the <c>Limits</c> section, checked at start) and the validators of verify and run requests.</summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimits>().BindConfiguration(RequestLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IRequestValidator<VerifyRequest>, RequestValidator>();
        services.AddSingleton<IRequestValidator<RunRequest>, RunRequestValidator>();
        return services;
    }
}
