using System.Net;

namespace Verifier.Sdk;

/// <summary>
/// The service refused a request (a 4xx: the request itself is wrong), or, with
/// <see cref="VerifierClientOptions.ThrowWhenUnavailable"/>, could not be reached after every retry.
/// </summary>
public class VerifierRequestFailedException : Exception
{
    public VerifierRequestFailedException()
    {
    }

    public VerifierRequestFailedException(string message)
        : base(message)
    {
    }

    public VerifierRequestFailedException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    public VerifierRequestFailedException(HttpStatusCode? status, ProblemDetailsPayload? problem, string message, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        Problem = problem;
    }

    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public HttpStatusCode? Status { get; }

    public ProblemDetailsPayload? Problem { get; }
}

/// <summary>The RFC 7807 body the service sends with an error, with validation errors by field.</summary>
public sealed record ProblemDetailsPayload
{
    public string? Type { get; init; }

    public string? Title { get; init; }

    public int? Status { get; init; }

    public string? Detail { get; init; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}
