using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Verifier.Cli.Grading;

/// <summary>
/// What <c>grade</c> and <c>grade-code</c> share: read the input in batches (a bad line reported with its number and
/// skipped), grade each batch, write its results in input order as they are ready, show progress on stderr, and end
/// with the summary and the exit code.
/// </summary>
internal sealed class GradingLoop(string input, string output, int batchSize, bool quiet, TextWriter console, TextWriter errors)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    /// <param name="openReader">The dataset's reader over the input, reporting bad lines through the given callback.</param>
    /// <param name="grade">A batch's results in order; null for a row the grader skipped (it has reported why).</param>
    public async Task<int> RunAsync<TRow, TResult>(
        Func<TextReader, Action<long, string>, JsonlReader<TRow>> openReader,
        Func<List<TRow>, Action<long, string>, CancellationToken, Task<IReadOnlyList<TResult?>>> grade,
        Func<TResult, bool?> correct,
        JsonTypeInfo<TResult> json,
        CancellationToken cancellationToken)
        where TResult : class
    {
        if (!File.Exists(input))
        {
            await errors.WriteLineAsync($"error: input file '{input}' does not exist").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var summary = new GradeSummary();
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        void Skip(long line, string error)
        {
            summary.Skipped++;
            errors.WriteLine($"{input}:{line}: skipped: {error}");
        }

        using var inputReader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await using var outputWriter = new StreamWriter(output, append: false, new UTF8Encoding(false));
        var reader = openReader(inputReader, Skip);
        while (await reader.ReadBatchAsync(batchSize, cancellationToken).ConfigureAwait(false) is { Count: > 0 } batch)
        {
            foreach (var result in await grade(batch, Skip, cancellationToken).ConfigureAwait(false))
            {
                if (result is null)
                {
                    continue;
                }

                summary.Add(correct(result));
                await outputWriter.WriteLineAsync(JsonSerializer.Serialize(result, json)).ConfigureAwait(false);
            }

            await outputWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (!quiet && clock.Elapsed - lastProgress >= ProgressInterval)
            {
                lastProgress = clock.Elapsed;
                await errors.WriteAsync($"\rgraded {summary.Rows:N0} rows, line {reader.LinesRead:N0} ({summary.Rows / clock.Elapsed.TotalSeconds:N0} rows/s)").ConfigureAwait(false);
            }
        }

        if (!quiet && lastProgress > TimeSpan.Zero)
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
