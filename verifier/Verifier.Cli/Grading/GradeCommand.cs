using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Verifier.Cli.Grading;

/// <summary>
/// <c>grade --input IN.jsonl --output OUT.jsonl</c>: grades every row, writing results in input order as
/// they are ready, with progress on stderr and a summary at the end.
/// </summary>
internal sealed class GradeCommand(GradeOptions options, TextWriter console, TextWriter errors)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(Func<GradeOptions, IGrader> createGrader, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.Input))
        {
            await errors.WriteLineAsync($"error: input file '{options.Input}' does not exist").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var summary = new GradeSummary();
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        var showProgress = !options.Quiet;

        using var input = new StreamReader(options.Input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await using var output = new StreamWriter(options.Output, append: false, new UTF8Encoding(false));
        await using var grader = createGrader(options);

        var reader = new JsonlReader(input, (line, error) =>
        {
            summary.Skipped++;
            errors.WriteLine($"{options.Input}:{line}: skipped: {error}");
        });

        while (true)
        {
            var batch = await reader.ReadBatchAsync(options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            var results = await grader.GradeAsync(batch, cancellationToken).ConfigureAwait(false);
            foreach (var result in results)
            {
                summary.Add(result.Correct);
                await output.WriteLineAsync(JsonSerializer.Serialize(result, CliJsonContext.Row)).ConfigureAwait(false);
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (showProgress && clock.Elapsed - lastProgress >= ProgressInterval)
            {
                lastProgress = clock.Elapsed;
                await errors.WriteAsync($"\rgraded {summary.Rows:N0} rows, line {reader.LinesRead:N0} ({summary.Rows / clock.Elapsed.TotalSeconds:N0} rows/s)").ConfigureAwait(false);
            }
        }

        if (showProgress && lastProgress > TimeSpan.Zero)
        {
            await errors.WriteLineAsync().ConfigureAwait(false);
        }

        await console.WriteLineAsync(summary.Describe(clock.Elapsed)).ConfigureAwait(false);
        if (summary.Skipped > 0)
        {
            await errors.WriteLineAsync($"error: {summary.Skipped} bad line(s) were skipped; see the messages above").ConfigureAwait(false);
            return ExitCodes.BadLines;
        }

        return ExitCodes.Ok;
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
