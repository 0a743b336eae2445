using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Verifier.Service.Pipeline;

namespace Verifier.Service.Compat;

/// <summary>
/// Errors in the shape FastAPI servers (SandboxFusion, the usual OpenRLHF reward server) answer and their clients
/// expect: a bad body is 422 <c>{"detail": [{"loc": ["body", field], "msg", "type"}]}</c>, anything else
/// <c>{"detail": "..."}</c> with its status (and Retry-After on 429 and 503). Put first on a compat route, it
/// rewrites the problem documents the shared pipeline returns.
/// </summary>
internal sealed class FastApiErrors : IEndpointFilter
{
    internal sealed record ValidationError([property: JsonPropertyName("detail")] IReadOnlyList<ErrorItem> Detail);

    internal sealed record ErrorItem(
        [property: JsonPropertyName("loc")] IReadOnlyList<string> Loc,
        [property: JsonPropertyName("msg")] string Msg,
        [property: JsonPropertyName("type")] string Type);

    internal sealed record Message([property: JsonPropertyName("detail")] string Detail);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        return Translate(await next(context).ConfigureAwait(false));
    }

    private static object? Translate(object? result) => result switch
    {
        CleanupAfterResult held => held.WithInner((IResult)Translate(held.Inner)!),
        ProblemHttpResult problem => Rewrite(problem, retryAfterSeconds: null),
        ProblemHttpResultWithHeaders withHeaders => Rewrite(withHeaders.Inner, withHeaders.RetryAfterSeconds),
        _ => result,
    };

    public static IResult Unauthorized(string detail) =>
        TypedResults.Json(new Message(detail), CompatJsonContext.Default.Message, statusCode: StatusCodes.Status401Unauthorized);

    public static IResult Unavailable(string detail, int retryAfterSeconds) =>
        new WithRetryAfter(TypedResults.Json(new Message(detail), CompatJsonContext.Default.Message, statusCode: StatusCodes.Status503ServiceUnavailable), retryAfterSeconds);

    /// <summary>422 naming each field (413 when a size limit was exceeded).</summary>
    public static IResult Invalid(Limits.ValidationErrors errors) => Fields(
        errors.ToDictionary(), "value_error", errors.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status422UnprocessableEntity);

    private static IResult Fields(IDictionary<string, string[]> errors, string type, int? status) => TypedResults.Json(
        new ValidationError([.. errors.SelectMany(e => e.Value.Select(message => new ErrorItem(Location(e.Key), message, type)))]),
        CompatJsonContext.Default.ValidationError,
        statusCode: status);

    private static IResult Rewrite(ProblemHttpResult problem, int? retryAfterSeconds)
    {
        var details = problem.ProblemDetails;
        var errors = details switch
        {
            HttpValidationProblemDetails validation => validation.Errors,
            _ when details.Extensions.TryGetValue("errors", out var e) && e is IDictionary<string, string[]> fields => fields,
            _ => null,
        };
        IResult rewritten = errors is { Count: > 0 } && problem.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge
            ? Fields(errors, ErrorType(details), problem.StatusCode == StatusCodes.Status400BadRequest ? StatusCodes.Status422UnprocessableEntity : problem.StatusCode)
            : TypedResults.Json(new Message(details.Detail ?? details.Title ?? "error"), CompatJsonContext.Default.Message, statusCode: problem.StatusCode);
        return retryAfterSeconds is { } seconds ? new WithRetryAfter(rewritten, seconds) : rewritten;
    }

    private static string ErrorType(Microsoft.AspNetCore.Mvc.ProblemDetails details) =>
        details.Title == "Malformed JSON" ? "json_invalid" : "value_error";

    /// <summary>FastAPI's location of a field: <c>["body", "files"]</c>; <c>body</c> alone for the whole body.</summary>
    private static string[] Location(string field) => field == "body" ? ["body"] : ["body", .. field.Split('.')];

    private sealed class WithRetryAfter(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
