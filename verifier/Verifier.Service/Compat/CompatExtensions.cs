using Microsoft.Extensions.Options;
using Verifier.Service.Apis;
using Verifier.Service.Compat.OpenRlhf;
using Verifier.Service.Compat.SandboxFusion;
using Verifier.Service.Pipeline;

namespace Verifier.Service.Compat;

/// <summary>
/// Routes in other projects' contracts, so their clients need only a new URL: SandboxFusion's <c>run_code</c> (verl's
/// code reward and code tool) and OpenRLHF's remote reward. Each is served with a Bearer key and with the key in the
/// path (<c>/compat/{key}/...</c>), since their clients send no Authorization header.
/// </summary>
internal static class CompatExtensions
{
    /// <summary>Marks an endpoint whose errors, 401 included, are in FastAPI's shape.</summary>
    internal sealed class CompatEndpoint;

    public static IServiceCollection AddCompat(this IServiceCollection services, ILoggingBuilder logging)
    {
        services.AddOptions<CompatOptions>().BindConfiguration(CompatOptions.Section)
            .Validate(o => o.SandboxFusionPrefix.Length == 0 || (o.SandboxFusionPrefix.StartsWith('/') && !o.SandboxFusionPrefix.EndsWith('/')),
                "Compat:SandboxFusionPrefix starts with / and does not end with one")
            .Validate(o => o.OpenRlhfRoutes().All(r => OpenRlhfRouteRules.IsValid(r.Key, r.Value)), OpenRlhfRouteRules.Description)
            .ValidateOnStart();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(CompatJsonContext.Default));
        services.AddSingleton<IRequestValidator<RunCodeRequest>, RunCodeRequestValidator>();
        services.AddSingleton<IRequestValidator<RewardRequest>, RewardRequestValidator>();
        services.AddSingleton<RunCodeHandler>();
        services.AddSingleton<RewardHandler>();

        // ASP.NET Core's hosting logs each request's URL, and opens a log scope holding its path, before any
        // middleware runs, so before a path key can be taken out (PathKeys): the one place a key would reach a log.
        // The category is switched off whole, since it opens the scope whenever any of its levels is on. A
        // provider-specific level for it (Logging:Console:LogLevel:...) would switch it on again.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", _ => false);
        return services;
    }

    public static IEndpointRouteBuilder MapCompatApis(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<CompatOptions>>().Value;
        var prefix = options.SandboxFusionPrefix;
        foreach (var path in new[] { $"{prefix}/run_code", $"{PathKeys.Prefix}{{key}}{prefix}/run_code" })
        {
            Compat(app.MapPost(path, (HttpContext context, RunCodeHandler handler) => handler.RunAsync(context)), RunCodeHandler.Spec)
                .WithTags("SandboxFusion")
                .WithSummary("SandboxFusion's run_code: one program, its stdin and files, in SandboxFusion's request and response shapes.")
                .Accepts<RunCodeRequest>("application/json")
                .Produces<RunCodeResponse>();
        }

        foreach (var (name, route) in options.OpenRlhfRoutes())
        {
            foreach (var path in new[] { $"/openrlhf/{name}", $"{PathKeys.Prefix}{{key}}/openrlhf/{name}" })
            {
                Compat(app.MapPost(path, (HttpContext context, RewardHandler handler) => handler.RewardAsync(context, route)), RewardHandler.Spec)
                    .WithTags("OpenRLHF")
                    .WithSummary($"OpenRLHF's remote reward ({route.Task}): {{query, prompts, labels}} to {{rewards, scores, extra_logs}}.")
                    .Accepts<RewardRequest>("application/json")
                    .Produces<RewardResponse>();
            }
        }

        return app;
    }

    private static RouteHandlerBuilder Compat<TRequest>(RouteHandlerBuilder endpoint, PipelineSpec<TRequest> spec)
        where TRequest : class =>
        endpoint.RequireAuthorization()
            .WithMetadata(new CompatEndpoint())
            .AddEndpointFilter(new FastApiErrors())
            .WithRequestPipeline(spec);
}
