using Scalar.AspNetCore;
using Verifier.Contracts;
using Verifier.Service.Apis;
using Verifier.Service.Auth;
using Verifier.Service.Compat;
using Verifier.Service.Scoring;
using Verifier.Service.Shutdown;
using Verifier.Service.Telemetry;

var builder = WebApplication.CreateSlimBuilder(args);

builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, VerifierJsonContext.Default));
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddApiKeyAuth(builder.Configuration);
builder.Services.AddVerification(builder.Configuration);
builder.Services.AddGracefulShutdown();
builder.Services.AddVerifierTelemetry(builder.Configuration);
builder.Services.AddCompat(builder.Logging);

var app = builder.Build();

// First: a key in the path (/compat/{key}/...) is taken out before routing, logs or traces see the path.
app.Use(PathKeys.TakeKeyAsync);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapScalarApiReference("/docs");
app.MapHealthApi();
app.MapPrometheusScrapingEndpoint("/metrics");
app.MapVerifyApi();
app.MapRunApi();
app.MapCompatApis();

app.Run();

namespace Verifier.Service
{
    /// <summary>Names this assembly for tests that host the real service on a loopback port.</summary>
    public sealed class ServiceEntryPoint;
}
