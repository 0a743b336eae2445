using Verifier.Service.Admission;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Pipeline;

/// <summary>
/// Last step before the handler: the request takes its units (items) of the tenant's and the service's capacity,
/// or gets 429 with Retry-After. The capacity is held until the response is written.
/// </summary>
internal sealed class AdmissionFilter<TRequest>(PipelineSpec<TRequest> spec) : IEndpointFilter
    where TRequest : class
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.PipelineRequest<TRequest>();
        var admitted = http.RequestServices.GetRequiredService<AdmissionController>().TryAdmit(request.Tenant, spec.Units(request.Request));
        if (!admitted.IsAdmitted)
        {
            http.RequestServices.GetRequiredService<VerifierMetrics>().Request(spec.Route, "throttled");
            return ValueTask.FromResult<object?>(Problems.TooManyRequests(admitted.Refusal!, admitted.RetryAfterSeconds));
        }

        return CleanupAfterResult.AroundAsync(context, next, admitted.Lease!.Dispose);
    }
}
