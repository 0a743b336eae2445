namespace Verifier.Service.Pipeline;

/// <summary>The RFC 7807 problems the API returns besides validation errors.</summary>
internal static class Problems
{
    public static ProblemHttpResultWithHeaders TooManyRequests(string detail, int retryAfterSeconds) =>
        new(TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests"),
            retryAfterSeconds);

    public static ProblemHttpResultWithHeaders Unavailable(string detail, int retryAfterSeconds) =>
        new(TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable"),
            retryAfterSeconds);

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BodyTooLarge(long maxBytes) =>
        TypedResults.Problem(
            $"the request body is larger than {maxBytes} bytes",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"at most {maxBytes} bytes"] } });

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult MalformedJson(string? path, string message) =>
        TypedResults.Problem(
            message,
            statusCode: StatusCodes.Status400BadRequest,
            title: "Malformed JSON",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [FieldFromJsonPath(path)] = [message] } });

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult InvalidIdempotencyKey(string detail) =>
        TypedResults.Problem(
            $"the Idempotency-Key header is invalid: {detail}",
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid Idempotency-Key",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["Idempotency-Key"] = [detail] } });

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult IdempotencyConflict() =>
        TypedResults.Problem(
            "this Idempotency-Key was used with a different request body",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Idempotency key reused",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["Idempotency-Key"] = ["already used with another body"] } });

    /// <summary>System.Text.Json reports <c>$.items[2].math</c>; the API's field names drop the <c>$.</c>.</summary>
    private static string FieldFromJsonPath(string? path) => path switch
    {
        null or "" or "$" => "body",
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ => path,
    };
}

/// <summary>A problem response that also sets Retry-After.</summary>
internal sealed class ProblemHttpResultWithHeaders(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult inner, int retryAfterSeconds)
    : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => inner.StatusCode;

    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Inner => inner;

    public int RetryAfterSeconds => retryAfterSeconds;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(httpContext);
    }
}
