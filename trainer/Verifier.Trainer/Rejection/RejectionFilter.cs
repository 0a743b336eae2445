using Verifier.Trainer.Rewards;
using Verifier.Trainer.Tasks;

namespace Verifier.Trainer.Rejection;

/// <summary>One scored sample of a prompt, before filtering.</summary>
public sealed record ScoredSample(TaskItem Task, string Completion, int CompletionTokens, RewardScore Score, int Sample);

/// <summary>
/// The rejection rule: a sample is kept only when the verifier said correct (accuracy 1) and well formatted
/// (format 1); an unknown verdict is never kept, only counted. Then, per prompt and in this order: mixed-language
/// samples are dropped, duplicates dropped, the rest ordered (shortest first when asked) and capped.
/// </summary>
public sealed class RejectionFilter(RejectionOptions options)
{
    private int _unknown;
    private int _incorrect;
    private int _unformatted;
    private int _mixed;
    private int _duplicates;
    private int _overCap;
    private int _samples;
    private readonly List<int> _keptPerPrompt = [];

    /// <summary>Filters the samples of one prompt and returns the rows to keep, in output order.</summary>
    public IReadOnlyList<RejectionRow> Filter(IReadOnlyList<ScoredSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        _samples += samples.Count;
        var passing = new List<(ScoredSample Sample, double Consistency)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            var score = sample.Score;
            if (score.Accuracy is not { } accuracy || score.Format is not { } format || score.Reward is null)
            {
                _unknown++;
                continue;
            }

            if (accuracy < 1)
            {
                _incorrect++;
                continue;
            }

            if (format < 1)
            {
                _unformatted++;
                continue;
            }

            var consistency = LanguageConsistency.Score(sample.Task.Question, sample.Completion);
            if (options.DropMixedLanguage && consistency < options.MinLanguageConsistency)
            {
                _mixed++;
                continue;
            }

            if (options.Dedupe && !seen.Add(sample.Completion.Trim()))
            {
                _duplicates++;
                continue;
            }

            passing.Add((sample, consistency));
        }

        // OrderBy is stable: equal lengths keep their sampling order, so the output does not depend on sort internals.
        var ordered = options.ShortestFirst ? passing.OrderBy(p => p.Sample.CompletionTokens).ToList() : passing;
        var cap = options.MaxPerPrompt ?? int.MaxValue;
        _overCap += Math.Max(0, ordered.Count - cap);
        var kept = ordered.Take(cap).Select(p => ToRow(p.Sample, p.Consistency)).ToArray();
        _keptPerPrompt.Add(kept.Length);
        return kept;
    }

    public RejectionSummary Summary(double seconds)
    {
        var kept = _keptPerPrompt.Sum();
        var covered = _keptPerPrompt.Count(k => k > 0);
        var histogram = new int[(_keptPerPrompt.Count == 0 ? 0 : _keptPerPrompt.Max()) + 1];
        foreach (var k in _keptPerPrompt)
        {
            histogram[k]++;
        }

        return new RejectionSummary(
            _keptPerPrompt.Count,
            _samples,
            _unknown,
            _incorrect,
            _unformatted,
            _mixed,
            _duplicates,
            _overCap,
            kept,
            _samples == 0 ? 0 : kept / (double)_samples,
            covered,
            _keptPerPrompt.Count == 0 ? 0 : covered / (double)_keptPerPrompt.Count,
            histogram,
            seconds);
    }

    private static RejectionRow ToRow(ScoredSample sample, double consistency) => new(
        sample.Task.Prompt,
        sample.Completion,
        sample.Score.Reward!.Value,
        sample.Score.Accuracy!.Value,
        sample.Score.Format!.Value,
        consistency,
        sample.Task.Id,
        sample.Task.Question,
        sample.Task.GoldAnswer,
        sample.CompletionTokens,
        sample.Sample);
}
