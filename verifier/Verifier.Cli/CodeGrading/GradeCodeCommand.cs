using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Verifier.Cli.Grading;
using Verifier.Contracts;
using Verifier.Sdk;
using Verifier.Sdk.Datasets;

namespace Verifier.Cli.CodeGrading;

/// <summary>
/// <c>grade-code --format DATASET</c>: each row's tests from its dataset adapter, run through verifier replicas with the
/// SDK, results written in input order. A line that is not a row of the dataset, or whose item the service refuses
/// (a 400 naming the field), is reported with its line number and skipped, as <c>grade</c> does.
/// </summary>
internal sealed class GradeCodeCommand(GradeCodeOptions options, TextWriter console, TextWriter errors)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(options.Input))
        {
            await errors.WriteLineAsync($"error: input file '{options.Input}' does not exist").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var summary = new GradeSummary();
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        var parser = new CodeRowParser(DatasetAdapters.Create(options.Format, options.Language), options.CompletionField);
        void Skip(long line, string error)
        {
            summary.Skipped++;
            errors.WriteLine($"{options.Input}:{line}: skipped: {error}");
        }

        using var input = new StreamReader(options.Input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await using var output = new StreamWriter(options.Output, append: false, new UTF8Encoding(false));
        await using var client = CreateClient();
        var reader = new JsonlReader<CodeRow>(input, parser.TryParse, Skip);

        while (await reader.ReadBatchAsync(options.BatchSize, cancellationToken).ConfigureAwait(false) is { Count: > 0 } batch)
        {
            var results = await GradeAsync(client, batch, Skip, cancellationToken).ConfigureAwait(false);
            foreach (var (row, result) in batch.Zip(results))
            {
                if (result is null)
                {
                    continue; // The service refused the item; Skip has said why.
                }

                var line = CodeGradeResult.From(row, result);
                summary.Add(line.Correct);
                await output.WriteLineAsync(JsonSerializer.Serialize(line, CliJsonContext.CodeRow)).ConfigureAwait(false);
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (!options.Quiet && clock.Elapsed - lastProgress >= ProgressInterval)
            {
                lastProgress = clock.Elapsed;
                await errors.WriteAsync($"\rgraded {summary.Rows:N0} rows, line {reader.LinesRead:N0}").ConfigureAwait(false);
            }
        }

        if (!options.Quiet && lastProgress > TimeSpan.Zero)
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

    /// <summary>
    /// The batch's results in order; null for an item the service refused. One refused item fails its whole request,
    /// so a refused batch is sent again item by item, to grade the others and name the one.
    /// </summary>
    private static async Task<IReadOnlyList<VerifyResult?>> GradeAsync(
        VerifierClient client, List<CodeRow> batch, Action<long, string> skip, CancellationToken cancellationToken)
    {
        try
        {
            return await client.VerifyManyAsync([.. batch.Select(r => r.Item)], cancellationToken).ConfigureAwait(false);
        }
        catch (VerifierRequestFailedException e) when (IsRefusal(e) && batch.Count > 1)
        {
            var graded = await Task.WhenAll(batch.Select(async row =>
            {
                try
                {
                    return (Result: (await client.VerifyManyAsync([row.Item], cancellationToken).ConfigureAwait(false))[0], Refusal: (string?)null);
                }
                catch (VerifierRequestFailedException refused) when (IsRefusal(refused))
                {
                    return (Result: (VerifyResult?)null, Refusal: Describe(refused));
                }
            })).ConfigureAwait(false);
            foreach (var (row, (_, refusal)) in batch.Zip(graded))
            {
                if (refusal is not null)
                {
                    skip(row.Line, refusal);
                }
            }

            return [.. graded.Select(g => g.Result)];
        }
        catch (VerifierRequestFailedException e) when (IsRefusal(e))
        {
            skip(batch[0].Line, Describe(e));
            return [null];
        }
    }

    /// <summary>What the request held was wrong (a field, a size), as opposed to the key or the service.</summary>
    private static bool IsRefusal(VerifierRequestFailedException e) =>
        e.Status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity;

    private static string Describe(VerifierRequestFailedException e)
    {
        var fields = e.Problem?.Errors?.Select(f => $"{f.Key}: {string.Join("; ", f.Value)}") ?? [];
        return $"the service refused the item ({(int?)e.Status}): {string.Join(", ", fields.DefaultIfEmpty(e.Problem?.Detail ?? e.Message))}";
    }

    private VerifierClient CreateClient()
    {
        var clientOptions = new VerifierClientOptions { ApiKey = options.ApiKey, MaxBatchSize = options.BatchSize };
        foreach (var endpoint in options.Remote)
        {
            clientOptions.Endpoints.Add(endpoint);
        }

        return new VerifierClient(clientOptions);
    }
}
