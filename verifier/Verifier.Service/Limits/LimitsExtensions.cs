using Verifier.Contracts;
using Verifier.Service.Pipeline;

namespace Verifier.Service.Limits;

public static class LimitsExtensions
{
    /// <summary>What one request may hold (the <c>Limits</c> section, checked at start) and the verify request's validator.</summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimits>().BindConfiguration(RequestLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IRequestValidator<VerifyRequest>, RequestValidator>();
        return services;
    }
}
