using Verifier.Contracts;
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

    public RemoteGrader(GradeOptions options)
    {
        var clientOptions = new VerifierClientOptions { ApiKey = options.ApiKey!, MaxBatchSize = Math.Min(options.BatchSize, 1024) };
        foreach (var endpoint in options.Remote)
        {
            clientOptions.Endpoints.Add(endpoint);
        }

        _client = new VerifierClient(clientOptions);
        _withFormat = options.WithFormat;
    }

    public async Task<IReadOnlyList<GradeResult>> GradeAsync(IReadOnlyList<GradeRow> rows, CancellationToken cancellationToken)
    {
        var items = rows.Select(row => new VerifyItem
        {
            Completion = row.Completion,
            Math = new MathSpec { Gold = row.Gold },
            Format = _withFormat ? new FormatSpec() : null,
        }).ToList();

        var results = await _client.VerifyManyAsync(items, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select((row, i) => ToRow(row, results[i]))];
    }

    private static GradeResult ToRow(GradeRow row, VerifyResult result) => new()
    {
        Line = row.Line,
        Id = row.Id,
        Correct = result.Verdict switch
        {
            Verdicts.Correct => true,
            Verdicts.Wrong or Verdicts.NoAnswer => false,
            _ => null,
        },
        Reward = result.Reward,
        Extracted = result.Detail?.Extracted,
        Reason = GradeReasons.Join(result.Reason, result.Detail?.FormatReason),
        Format = result.Format,
    };

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
