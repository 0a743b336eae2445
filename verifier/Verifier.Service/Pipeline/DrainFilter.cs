using Verifier.Service.Shutdown;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Pipeline;

/// <summary>
/// First step: a draining replica refuses new work with 503 and Retry-After (the SDK sends it elsewhere), and
/// every request it takes counts as in flight until its response is written, so the drain waits for it.
/// </summary>
internal sealed class DrainFilter(string route) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var drain = services.GetRequiredService<ShutdownDrain>();
        if (drain.IsDraining)
        {
            services.GetRequiredService<VerifierMetrics>().Request(route, "draining");
            return ValueTask.FromResult<object?>(Problems.Unavailable("the service is shutting down; retry on another replica", 1));
        }

        var inFlight = drain.Enter();
        return CleanupAfterResult.AroundAsync(context, next, inFlight.Dispose);
    }
}
