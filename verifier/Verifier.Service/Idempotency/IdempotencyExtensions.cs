namespace Verifier.Service.Idempotency;

public static class IdempotencyExtensions
{
    /// <summary>The response cache behind Idempotency-Key, configured by the <c>Idempotency</c> section and checked at start.</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IdempotencyCache>();
        return services;
    }
}
