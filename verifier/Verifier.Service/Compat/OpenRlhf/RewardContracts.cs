using System.Text.Json.Serialization;

namespace Verifier.Service.Compat.OpenRlhf;

/// <summary>
/// The body OpenRLHF's remote reward client posts (<c>--remote_rm_url</c>): each <c>query</c> is the prompt and the
/// model's response as one decoded text, <c>prompts</c> the prompts alone, <c>labels</c> the dataset's label column.
/// </summary>
internal sealed record RewardRequest
{
    [JsonPropertyName("query")]
    public List<string?>? Query { get; init; }

    [JsonPropertyName("prompts")]
    public List<string?>? Prompts { get; init; }

    [JsonPropertyName("labels")]
    public List<string?>? Labels { get; init; }
}

/// <summary>
/// What OpenRLHF reads back: <c>rewards</c> for the advantages, <c>scores</c> for its dynamic filtering, and
/// <c>extra_logs</c>, per-sample series it averages into its training logs. Its contract has no null: an unknown
/// reward is the route's <c>UnknownReward</c>, flagged 1 in <c>extra_logs.unknown</c> (or the whole batch is 503).
/// </summary>
internal sealed record RewardResponse
{
    [JsonPropertyName("rewards")]
    public required IReadOnlyList<double> Rewards { get; init; }

    [JsonPropertyName("scores")]
    public required IReadOnlyList<double> Scores { get; init; }

    [JsonPropertyName("extra_logs")]
    public required IReadOnlyDictionary<string, IReadOnlyList<double>> ExtraLogs { get; init; }
}
