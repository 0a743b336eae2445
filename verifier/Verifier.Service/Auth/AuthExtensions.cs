using Microsoft.AspNetCore.Authentication;

namespace Verifier.Service.Auth;

public static class AuthExtensions
{
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeyOptions>()
            .BindConfiguration(ApiKeyOptions.Section)
            .Configure(o => o.Keys ??= configuration["VERIFIER_API_KEYS"])
            .Validate(
                o => !string.IsNullOrWhiteSpace(o.Keys) || !string.IsNullOrWhiteSpace(o.KeyFile),
                "no API keys are configured: set VERIFIER_API_KEYS (development) or Auth:KeyFile (production)")
            .Validate(o => ApiKeyStore.Load(o).Length > 0, "the configured API key sources hold no keys")
            .ValidateOnStart();
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        return services;
    }

    /// <summary>The tenant of an authenticated request (the key's owner).</summary>
    public static string Tenant(this HttpContext context) => context.User.Identity?.Name ?? "anonymous";
}
