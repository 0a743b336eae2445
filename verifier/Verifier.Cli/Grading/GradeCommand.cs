namespace Verifier.Cli.Grading;

/// <summary>
/// <c>grade --input IN.jsonl --output OUT.jsonl</c>: grades every row, writing results in input order as
/// they are ready, with progress on stderr and a summary at the end.
/// </summary>
internal sealed class GradeCommand(GradeOptions options, TextWriter console, TextWriter errors)
{
    public async Task<int> RunAsync(Func<GradeOptions, IGrader> createGrader, CancellationToken cancellationToken)
    {
        await using var grader = createGrader(options);
        return await new GradingLoop(options.Input, options.Output, options.BatchSize, options.Quiet, console, errors).RunAsync(
            (input, skip) => new JsonlReader<GradeRow>(input, RowParser(), skip),
            async (batch, _, cancel) => await grader.GradeAsync(batch, cancel).ConfigureAwait(false),
            result => result.Correct,
            CliJsonContext.Row,
            cancellationToken).ConfigureAwait(false);
    }

    private LineParser<GradeRow> RowParser()
    {
        LineParser<GradeRow> parse = options.Dataset == MathVerifyRows.Dataset ? MathVerifyRows.TryParse : JsonlReader.TryParse;
        if (options.Remote.Count == 0)
        {
            return parse;
        }

        // Refused by line rather than graded with the defaults: a remote grade must equal a local one.
        return (string text, long line, out GradeRow row, out string error) =>
        {
            if (!parse(text, line, out row, out error))
            {
                return false;
            }

            if (row.Math?.FirstLocalOnlyField is { } field)
            {
                error = $"'{field}' is graded in-process only (the API has no such option); drop --remote to use it";
                return false;
            }

            return true;
        };
    }
}

internal sealed class GradeSummary
{
    public long Rows { get; private set; }

    public long Correct { get; private set; }

    public long Wrong { get; private set; }

    public long Undecided { get; private set; }

    public long Skipped { get; set; }

    public void Add(bool? correct)
    {
        Rows++;
        switch (correct)
        {
            case true: Correct++; break;
            case false: Wrong++; break;
            default: Undecided++; break;
        }
    }

    public string Describe(TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? Rows / elapsed.TotalSeconds : 0;
        return $"rows: {Rows}, correct: {Correct}, wrong: {Wrong}, undecided: {Undecided}, skipped: {Skipped}, " +
               $"seconds: {elapsed.TotalSeconds:F2}, rows/s: {rate:F0}";
    }
}

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int BadLines = 1;
    public const int Usage = 2;
    public const int Failed = 3;
}
