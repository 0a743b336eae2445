namespace Verifier.Cli.Grading;

internal static class Graders
{
    public static IGrader Create(GradeOptions options) =>
        options.Remote.Count == 0
            ? new LocalGrader(options.WithFormat, options.Extract)
            : new RemoteGrader(options);
}
