using Verifier.Core.Format;
using Verifier.Core.Math;
using Verifier.Core.Rewards;

namespace Verifier.Cli.Grading;

/// <summary>Grades in-process with the math engine, on every core.</summary>
internal sealed class LocalGrader(bool withFormat) : IGrader
{
    private readonly MathVerifier _math = new();

    public Task<IReadOnlyList<GradeResult>> GradeAsync(IReadOnlyList<GradeRow> rows, CancellationToken cancellationToken)
    {
        var results = new GradeResult[rows.Count];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, rows.Count, parallel, i => results[i] = Grade(rows[i]));
        return Task.FromResult<IReadOnlyList<GradeResult>>(results);
    }

    private GradeResult Grade(GradeRow row)
    {
        var verdict = _math.Verify(row.Completion, row.Gold);
        double? accuracy = verdict.Correct switch { true => 1.0, false => 0.0, null => null };
        FormatVerdict? format = withFormat ? FormatReward.Score(row.Completion) : null;

        List<RewardComponent> components = [new("accuracy", accuracy, 1.0)];
        if (format is not null)
        {
            components.Add(new("format", format.Score, 1.0));
        }

        return new GradeResult
        {
            Line = row.Line,
            Id = row.Id,
            Correct = verdict.Correct,
            Reward = Reward.Combine(components),
            Extracted = verdict.Extracted,
            Reason = GradeReasons.Join(verdict.Reason, format?.Reason),
            Format = format?.Score,
        };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
