using System.Text.RegularExpressions;
using Verifier.Trainer.Rewards;
using Verifier.Trainer.Tasks;
using static TorchSharp.torch;

namespace Verifier.Trainer.Training;

/// <summary>pass@1 and maj@k on held-out prompts. Unscored samples are left out, never counted as wrong.</summary>
/// <param name="Prompts">Held-out prompts evaluated.</param>
/// <param name="SamplesPerPrompt">k.</param>
/// <param name="PassAt1">Mean over prompts of the fraction of correct samples (the unbiased pass@1 estimate).</param>
/// <param name="MajAtK">Fraction of prompts whose most frequent answer is correct.</param>
/// <param name="FormatMean">Mean format reward.</param>
/// <param name="UnknownFraction">Fraction of samples the verifier could not score.</param>
public sealed record EvalResult(int Prompts, int SamplesPerPrompt, double? PassAt1, double? MajAtK, double? FormatMean, double UnknownFraction);

public static partial class Evaluator
{
    public static async Task<EvalResult> RunAsync(TrainingSetup setup, IRewardSource rewards, int prompts, int samples, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(rewards);
        var items = setup.Tasks.HeldOut(prompts);
        var sampler = setup.Sampler();
        using var generator = new Generator((ulong)seed, setup.Device);
        var passRates = new List<double>();
        var majority = new List<double>();
        var formats = new List<double>();
        var unknown = 0;
        const int PromptsPerBatch = 16;
        for (var start = 0; start < items.Count; start += PromptsPerBatch)
        {
            var chunk = items.Skip(start).Take(PromptsPerBatch).ToArray();
            var encoded = chunk.SelectMany(t => Enumerable.Repeat(setup.Tokenizer.Encode(t.Prompt), samples)).ToArray();
            using var batch = sampler.Generate(encoded, generator, setup.Device);
            var texts = batch.CompletionTokens.Select(setup.Tokenizer.Decode).ToArray();
            var requests = texts.Select((text, i) => new RewardRequest(chunk[i / samples], text)).ToArray();
            var scores = await rewards.ScoreAsync(requests, cancellationToken).ConfigureAwait(false);
            for (var p = 0; p < chunk.Length; p++)
            {
                var group = Enumerable.Range(p * samples, samples).Select(i => (Answer: ExtractAnswer(texts[i]), Score: scores[i])).ToArray();
                unknown += group.Count(g => g.Score.Accuracy is null);
                formats.AddRange(group.Where(g => g.Score.Format.HasValue).Select(g => g.Score.Format!.Value));
                var known = group.Where(g => g.Score.Accuracy.HasValue).ToArray();
                if (known.Length == 0)
                {
                    continue;
                }

                passRates.Add(known.Average(g => g.Score.Accuracy!.Value));
                var vote = known.Where(g => g.Answer is not null).GroupBy(g => g.Answer).OrderByDescending(g => g.Count()).FirstOrDefault();
                majority.Add(vote is null ? 0 : vote.First().Score.Accuracy!.Value);
            }
        }

        return new EvalResult(
            items.Count,
            samples,
            passRates.Count == 0 ? null : passRates.Average(),
            majority.Count == 0 ? null : majority.Average(),
            formats.Count == 0 ? null : formats.Average(),
            unknown / (double)Math.Max(1, items.Count * samples));
    }

    /// <summary>The text inside the last &lt;answer&gt;…&lt;/answer&gt;, trimmed, or null.</summary>
    public static string? ExtractAnswer(string completion)
    {
        var matches = AnswerTag().Matches(completion ?? string.Empty);
        return matches.Count == 0 ? null : matches[^1].Groups[1].Value.Trim();
    }

    [GeneratedRegex(@"<answer>(.*?)</answer>", RegexOptions.Singleline)]
    private static partial Regex AnswerTag();
}
