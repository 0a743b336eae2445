using Verifier.Sdk;

namespace Verifier.Cli.Grading;

/// <summary>
/// Grades through verifier replicas with the SDK. The output matches local grading row for row; a row the
/// service could not score comes out undecided, with the reason.
/// </summary>
internal sealed class RemoteGrader : IGrader
{
    private readonly VerifierClient _client;
    private readonly bool _withFormat;
    private readonly string? _extract;

    public RemoteGrader(GradeOptions options)
    {
        var clientOptions = new VerifierClientOptions { ApiKey = options.ApiKey!, MaxBatchSize = Math.Min(options.BatchSize, 1024) };
        foreach (var endpoint in options.Remote)
        {
            clientOptions.Endpoints.Add(endpoint);
        }

        _client = new VerifierClient(clientOptions);
        _withFormat = options.WithFormat;
        _extract = options.Extract;
    }

    public async Task<IReadOnlyList<GradeResult>> GradeAsync(IReadOnlyList<GradeRow> rows, CancellationToken cancellationToken)
    {
        var items = rows.Select(row => GradeMapping.ToItem(row, _withFormat, _extract)).ToList();
        var results = await _client.VerifyManyAsync(items, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select((row, i) => GradeMapping.ToRow(row, results[i]))];
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
