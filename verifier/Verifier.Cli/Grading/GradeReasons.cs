namespace Verifier.Cli.Grading;

internal static class GradeReasons
{
    /// <summary>One reason line from the math and format reasons, the same for local and remote grading.</summary>
    public static string? Join(string? math, string? format) => (math, format) switch
    {
        (null, null) => null,
        (_, null) => math,
        (null, _) => $"format: {format}",
        _ => $"{math}; format: {format}",
    };
}
