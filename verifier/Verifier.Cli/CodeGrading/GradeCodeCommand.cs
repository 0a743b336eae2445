using System.Net;
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
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var parser = new CodeRowParser(DatasetAdapters.Create(options.Format, options.Language), options.CompletionField);
        await using var client = CreateClient();
        return await new GradingLoop(options.Input, options.Output, options.BatchSize, options.Quiet, console, errors).RunAsync(
            (input, skip) => new JsonlReader<CodeRow>(input, parser.TryParse, skip),
            async (batch, skip, cancel) =>
            {
                var results = await GradeAsync(client, batch, skip, cancel).ConfigureAwait(false);
                return [.. batch.Zip(results, (row, result) => result is null ? null : CodeGradeResult.From(row, result))];
            },
            line => line.Correct,
            CliJsonContext.CodeRow,
            cancellationToken).ConfigureAwait(false);
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
