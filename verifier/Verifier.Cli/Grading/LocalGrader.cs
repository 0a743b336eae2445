using Verifier.Core.Math;
using Verifier.Core.Rewards;
using Verifier.Core.Scoring;

namespace Verifier.Cli.Grading;

/// <summary>Grades in-process with the service's scoring policy and the math engine's defaults, on every core.</summary>
internal sealed class LocalGrader(bool withFormat, string? extract = null) : IGrader
{
    private readonly ScoringPolicy _policy = new(new MathVerifier(), RewardCatalog.Empty);

    public Task<IReadOnlyList<GradeResult>> GradeAsync(IReadOnlyList<GradeRow> rows, CancellationToken cancellationToken)
    {
        var results = new GradeResult[rows.Count];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, rows.Count, parallel, i => results[i] = Grade(rows[i], i));
        return Task.FromResult<IReadOnlyList<GradeResult>>(results);
    }

    private GradeResult Grade(GradeRow row, int index)
    {
        // Math and format items never wait on anything: the policy completes synchronously for them.
        var scoring = _policy.ScoreAsync(GradeMapping.ToItem(row, withFormat, extract), index, code: null, CancellationToken.None);
        return GradeMapping.ToRow(row, scoring.IsCompletedSuccessfully ? scoring.Result : scoring.AsTask().GetAwaiter().GetResult());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
