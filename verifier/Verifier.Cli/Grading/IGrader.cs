namespace Verifier.Cli.Grading;

/// <summary>Grades a batch of rows, returning results in the same order. Local and remote grading share the pipeline.</summary>
internal interface IGrader : IAsyncDisposable
{
    Task<IReadOnlyList<GradeResult>> GradeAsync(IReadOnlyList<GradeRow> rows, CancellationToken cancellationToken);
}
