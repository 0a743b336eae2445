using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Verifier.Sdk.DependencyInjection;

namespace Verifier.Sdk.Tests.DependencyInjection;

/// <summary>The client's options are checked the one way the solution checks options: the options pattern, at start.</summary>
public sealed class OptionsValidationTests
{
    private static void Bad(VerifierClientOptions options)
    {
        options.Endpoints.Add(new Uri("ftp://127.0.0.1/"));
        options.MaxBatchSize = 0;
    }

    [Fact]
    public async Task AHostWithBadClientOptions_FailsToStart_ListingEveryFailure()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddVerifierClient(Bad);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("'ftp://127.0.0.1/' is not an absolute http(s) URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("ApiKey is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBatchSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHandBuiltClient_GetsTheSameRules()
    {
        var options = new VerifierClientOptions();
        Bad(options);

        var error = Assert.ThrowsAny<System.ComponentModel.DataAnnotations.ValidationException>(() => new VerifierClient(options));

        Assert.Contains("'ftp://127.0.0.1/' is not an absolute http(s) URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("ApiKey is required", error.Message, StringComparison.Ordinal);
    }
}
