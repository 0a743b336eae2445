using System.Net;
using System.Net.Http.Headers;
using Verifier.Service.Auth;
using Verifier.TestSupport;

namespace Verifier.Service.Tests.Auth;

public sealed class AuthTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Theory]
    [InlineData("/v1/verify")]
    [InlineData("/v1/verify/stream")]
    public async Task Post_WithoutKey_Returns401WithBearerChallenge(string route)
    {
        using var response = await fixture.Host.Client(apiKey: null).PostAsync(route, Json.Body(Json.Math("\\boxed{1}", "1")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Languages_WithWrongKey_Returns401()
    {
        using var response = await fixture.Host.Client(apiKey: "not-a-key").GetAsync("/v1/languages");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithNonBearerScheme_Returns401()
    {
        var client = fixture.Host.Client(apiKey: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", ServiceHost.ApiKey);

        using var response = await client.GetAsync("/v1/languages");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithEitherConfiguredKey_Succeeds()
    {
        using var first = await fixture.Host.Client(ServiceHost.ApiKey).GetAsync("/v1/languages");
        using var second = await fixture.Host.Client(ServiceHost.OtherTenantKey).GetAsync("/v1/languages");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }
}

public sealed class KeyFileTests : IDisposable
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"verifier-keys-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task KeyFile_HashedKeys_AuthenticateTheirTenantsOnly()
    {
        const string productionKey = "prod-key-7d1f0c";
        await File.WriteAllTextAsync(_keyFile, $$"""
            // Only SHA-256 hashes are stored.
            { "keys": [ { "tenant": "team-a", "sha256": "{{ApiKeyStore.HashKey(productionKey)}}" } ] }
            """);
        using var host = ServiceHost.Start(new Dictionary<string, string?> { ["VERIFIER_API_KEYS"] = "", ["Auth:KeyFile"] = _keyFile });

        using var accepted = await host.Client(productionKey).GetAsync("/v1/languages");
        using var refused = await host.Client(ServiceHost.ApiKey).GetAsync("/v1/languages");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public void Start_WithMalformedKeyFile_FailsNamingTheEntry()
    {
        File.WriteAllText(_keyFile, """{ "keys": [ { "tenant": "a", "sha256": "abc" } ] }""");

        var error = Record.Exception(() => ServiceHost.Start(new Dictionary<string, string?> { ["VERIFIER_API_KEYS"] = "", ["Auth:KeyFile"] = _keyFile }).Dispose());

        Assert.NotNull(error);
        Assert.Contains("keys[0].sha256", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithNoKeysConfigured_Fails()
    {
        var error = Record.Exception(() => ServiceHost.Start(new Dictionary<string, string?> { ["VERIFIER_API_KEYS"] = "" }).Dispose());

        Assert.NotNull(error);
        Assert.Contains("no API keys are configured", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_keyFile);
}
