using System.Net;

namespace Verifier.Sdk;

/// <summary>Every retry failed with a transient error: the service could not be reached or kept refusing.</summary>
public sealed class VerifierUnavailableException : VerifierRequestFailedException
{
    public VerifierUnavailableException()
    {
    }

    public VerifierUnavailableException(string message)
        : base(message)
    {
    }

    public VerifierUnavailableException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    public VerifierUnavailableException(string message, Exception? inner, HttpStatusCode? status, ProblemDetailsPayload? problem)
        : base(status, problem, message, inner)
    {
    }
}
