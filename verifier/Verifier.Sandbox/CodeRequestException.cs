namespace Verifier.Sandbox;

/// <summary>A request the sandbox cannot run as given; <see cref="Field"/> names the offending field (e.g. <c>tests.cases[3].args</c>).</summary>
public sealed class CodeRequestException : ArgumentException
{
    public CodeRequestException()
    {
        Field = "";
    }

    public CodeRequestException(string message)
        : base(message)
    {
        Field = "";
    }

    public CodeRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "";
    }

    public CodeRequestException(string field, string message)
        : base($"{field}: {message}", field)
    {
        Field = field;
    }

    public string Field { get; }
}
