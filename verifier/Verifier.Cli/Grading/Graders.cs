namespace Verifier.Cli.Grading;

internal static class Graders
{
    public static IGrader Create(GradeOptions options) =>
        options.Remote.Count == 0
            ? new LocalGrader(options.WithFormat)
            : throw new NotSupportedException("remote grading arrives with the SDK");
}
