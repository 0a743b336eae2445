using System.Text.Encodings.Web;
using System.Text.Json;
using Verifier.Trainer.Metrics;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Tasks;
using Verifier.Trainer.Training;
using static TorchSharp.torch;

namespace Verifier.Trainer.Rejection;

/// <summary>
/// R1's rejection sampling: K samples per prompt from a trained policy through the KV-cache sampler, each
/// prompt's samples sent to the reward source as soon as they finish (so scoring overlaps generation, as in
/// training), and only the correct, well-formatted ones written out as SFT rows.
/// </summary>
public sealed class RejectionSampler(TrainingSetup setup, IRewardSource rewards, RejectionOptions options, TextWriter log, TimeProvider time)
{
    /// <summary>snake_case like metrics.jsonl, with tags and operators written as they are (&lt;think&gt;, +) for people reading the rows.</summary>
    private static readonly JsonSerializerOptions RowJson = new(MetricsLog.Json) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Samples, scores, filters, writes <paramref name="outPath"/> (JSONL) and its summary next to it.</summary>
    public async Task<RejectionSummary> RunAsync(string outPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        options.Validate();
        var started = time.GetTimestamp();
        var prompts = PromptSelection.Choose(setup.Tasks, options.Prompts, setup.Config.Run.Seed);
        var sampler = setup.Sampler();
        using var generator = new Generator((ulong)setup.Config.Run.Seed, setup.Device);
        var k = options.K;
        var scoring = new Task<ScoredSample[]>[prompts.Count];
        for (var start = 0; start < prompts.Count; start += options.BatchPrompts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = prompts.Skip(start).Take(options.BatchPrompts).ToArray();
            var encoded = chunk.SelectMany(t => Enumerable.Repeat(setup.Tokenizer.Encode(t.Prompt), k)).ToArray();
            var offset = start;
            using var batch = sampler.Generate(encoded, generator, setup.Device, k, (group, completions) =>
                scoring[offset + group] = ScorePromptAsync(chunk[group], completions, cancellationToken));
            log.WriteLine($"rejection-sample: generated {Math.Min(start + chunk.Length, prompts.Count)}/{prompts.Count} prompts × {k}");
        }

        var filter = new RejectionFilter(options);
        var directory = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        Directory.CreateDirectory(directory);
        var temp = outPath + ".tmp";
        var scored = await Task.WhenAll(scoring).ConfigureAwait(false);
        using (var writer = new StreamWriter(temp))
        {
            foreach (var samples in scored)
            {
                foreach (var row in filter.Filter(samples))
                {
                    writer.WriteLine(JsonSerializer.Serialize(row, RowJson));
                }
            }
        }

        // Written under another name and renamed, so a half-written file never passes for a finished one.
        File.Move(temp, outPath, overwrite: true);
        var summary = filter.Summary(time.GetElapsedTime(started).TotalSeconds);
        File.WriteAllText(SummaryPath(outPath), JsonSerializer.Serialize(summary, MetricsLog.Json));
        return summary;
    }

    /// <summary>Where the summary of <paramref name="outPath"/> goes: FILE.jsonl → FILE.summary.json.</summary>
    public static string SummaryPath(string outPath) => Path.ChangeExtension(outPath, ".summary.json");

    private async Task<ScoredSample[]> ScorePromptAsync(TaskItem task, int[][] completions, CancellationToken cancellationToken)
    {
        var texts = completions.Select(setup.Tokenizer.Decode).ToArray();
        IReadOnlyList<RewardScore> scores;
        try
        {
            scores = await rewards.ScoreAsync([.. texts.Select(t => new RewardRequest(task, t))], cancellationToken).ConfigureAwait(false);
            if (scores.Count != texts.Length)
            {
                scores = [.. texts.Select(_ => RewardScore.Unknown)];
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed call is no verdict: its samples are counted as unknown and never kept.
            log.WriteLine($"warning: scoring failed for {task.Id} ({e.GetType().Name}: {e.Message}); {texts.Length} samples unknown.");
            scores = [.. texts.Select(_ => RewardScore.Unknown)];
        }

        return [.. texts.Select((text, i) => new ScoredSample(task, text, completions[i].Length, scores[i], i))];
    }
}
