using System.Text.Json;
using Microsoft.Extensions.Options;
using Verifier.Service.Auth;
using Verifier.Service.Limits;
using Verifier.Service.Telemetry;

namespace Verifier.Service.Pipeline;

/// <summary>
/// Reads the body under the size limit (413), parses it (400 naming the JSON path) and validates it (400, or 413
/// for a request over a count limit), then hands the parsed request to the later steps and the handler.
/// </summary>
internal sealed class BodyFilter<TRequest>(PipelineSpec<TRequest> spec) : IEndpointFilter
    where TRequest : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var metrics = services.GetRequiredService<VerifierMetrics>();
        var maxBytes = services.GetRequiredService<IOptions<RequestLimits>>().Value.MaxBodyBytes;

        var (body, tooLarge) = await RequestBodyReader.ReadAsync(http.Request, maxBytes, http.RequestAborted).ConfigureAwait(false);
        if (tooLarge)
        {
            metrics.Request(spec.Route, "too_large");
            return Problems.BodyTooLarge(maxBytes);
        }

        TRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, spec.Json);
        }
        catch (JsonException e)
        {
            metrics.Request(spec.Route, "malformed");
            return Problems.MalformedJson(e.Path, e.Message);
        }

        var errors = services.GetService<IRequestValidator<TRequest>>()?.Validate(request) ?? NullCheck(request);
        if (errors.Any)
        {
            metrics.Request(spec.Route, "invalid");
            return TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
            {
                Title = errors.TooLarge ? "Request too large" : "Invalid request",
                Status = errors.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
            });
        }

        http.Features.Set(new PipelineRequest<TRequest>(request!, body!, http.Tenant()));
        return await next(context).ConfigureAwait(false);
    }

    private static ValidationErrors NullCheck(TRequest? request)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("body", "required: a JSON object");
        }

        return errors;
    }
}
