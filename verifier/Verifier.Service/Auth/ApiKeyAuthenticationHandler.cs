using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Verifier.Service.Compat;

namespace Verifier.Service.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;key&gt;</c>; the principal's name is the tenant.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // A /compat/{key}/ route is authenticated by its path key alone: a client that puts the key in the URL
        // sends no header, and a wrong key in a URL must not pass because a header happens to be right.
        if (PathKeys.Of(Context) is { } pathKey)
        {
            return Task.FromResult(Authenticate(pathKey));
        }

        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("the Authorization header is not a bearer token"));
        }

        return Task.FromResult(Authenticate(header.AsSpan(Prefix.Length).Trim()));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<CompatExtensions.CompatEndpoint>() is not null)
        {
            // Clients of the compat routes read FastAPI's error shape.
            await FastApiErrors.Unauthorized("a valid API key is required: Authorization: Bearer <key>, or /compat/<key>/ in the path").ExecuteAsync(Context);
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        await base.HandleChallengeAsync(properties);
    }

    private AuthenticateResult Authenticate(ReadOnlySpan<char> key)
    {
        var tenant = keys.FindTenant(key);
        if (tenant is null)
        {
            // The key itself is never logged, only that one was refused.
            return AuthenticateResult.Fail("unknown API key");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, tenant)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
