using Microsoft.Extensions.DependencyInjection;
using Verifier.Sdk.DependencyInjection;

namespace Verifier.Sdk.Tests.DependencyInjection;

public sealed class AddVerifierClientTests
{
    /// <summary>The client from IHttpClientFactory and the one that builds its own HttpClient must speak HTTP alike.</summary>
    [Theory]
    [InlineData(true, "gzip")]
    [InlineData(true, "br")]
    [InlineData(false, "gzip")]
    [InlineData(false, "br")]
    public async Task Client_AsksForAndReadsACompressedResponse(bool fromTheFactory, string encoding)
    {
        await using var server = await CompressingServer.StartAsync(encoding);
        var services = new ServiceCollection();
        services.AddVerifierClient(o => Configure(o, server.Address));
        await using var provider = services.BuildServiceProvider();
        var options = new VerifierClientOptions();
        Configure(options, server.Address);
        await using var own = new VerifierClient(options);
        var client = fromTheFactory ? provider.GetRequiredService<VerifierClient>() : own;

        var results = await client.VerifyManyAsync(Items.Math(1));

        Assert.Equal(1.0, results[0].Reward);
        Assert.Contains(encoding, Assert.Single(server.AcceptEncodings), StringComparison.Ordinal);
    }

    private static void Configure(VerifierClientOptions options, Uri endpoint)
    {
        options.Endpoints.Add(endpoint);
        options.ApiKey = "k";
        options.MaxRetryAttempts = 0;
    }
}
