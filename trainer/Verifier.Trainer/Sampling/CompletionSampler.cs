using TorchSharp;
using Verifier.Trainer.Model;
using Verifier.Trainer.Tokenization;
using static TorchSharp.torch;

namespace Verifier.Trainer.Sampling;

/// <summary>
/// Batched autoregressive sampling with a KV cache: the shared prompt prefix is computed once (batch 1),
/// the prompt rests once for all rows, then one token per step for every row until each row has emitted
/// &lt;/answer&gt; or EOS, or the length limit is reached.
/// </summary>
public sealed class CompletionSampler(Gpt policy, ITokenizer tokenizer, SamplingOptions options, FormatGuide? guide)
{
    /// <summary>
    /// Samples one completion per prompt (repeat a prompt G times for a group). When every row of a group of
    /// <paramref name="groupSize"/> consecutive rows has stopped, <paramref name="groupFinished"/> gets the
    /// group's index and completions at once, while the other rows keep generating: that is where reward
    /// calls start, overlapping generation.
    /// </summary>
    public RolloutBatch Generate(IReadOnlyList<int[]> prompts, Generator? generator, Device device, int groupSize = 1, Action<int, int[][]>? groupFinished = null)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.Count == 0)
        {
            throw new ArgumentException("No prompts to sample from.", nameof(prompts));
        }

        var prefixLength = SharedPrefixLength(prompts);
        var prefix = prompts[0][..prefixLength];
        var remainders = prompts.Select(p => p[prefixLength..]).ToArray();
        var longest = prompts.Max(p => p.Length) + options.MaxNewTokens;
        if (longest > policy.Options.ContextLength)
        {
            throw new InvalidOperationException(
                $"A prompt of {prompts.Max(p => p.Length)} tokens plus {options.MaxNewTokens} new tokens exceeds the model's context of {policy.Options.ContextLength}. Raise model.context_length or shorten the prompts.");
        }

        var rows = prompts.Count;
        var completions = Enumerable.Range(0, rows).Select(_ => new List<int>()).ToArray();
        var states = guide is null ? null : Enumerable.Repeat(FormatGuide.InitialState, rows).ToArray();
        var stateLog = guide is null ? null : Enumerable.Range(0, rows).Select(_ => new List<int>()).ToArray();
        var finished = new bool[rows];
        if (groupSize < 1 || rows % groupSize != 0)
        {
            throw new ArgumentException($"{rows} prompts do not split into groups of {groupSize}.", nameof(groupSize));
        }

        var reported = new bool[rows / groupSize];
        void Report(bool all)
        {
            for (var g = 0; g < reported.Length; g++)
            {
                if (!reported[g] && (all || finished.Skip(g * groupSize).Take(groupSize).All(f => f)))
                {
                    reported[g] = true;
                    groupFinished?.Invoke(g, [.. completions.Skip(g * groupSize).Take(groupSize).Select(c => c.ToArray())]);
                }
            }
        }

        var wasTraining = policy.training;
        policy.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            using var batchShape = new RolloutBatch(prefix, remainders, completions.Select(_ => Array.Empty<int>()).ToArray(), null, finished, tokenizer.PadId);
            var cache = PrefixCache(prefix, device);
            var remainder = batchShape.Remainder.to(device);
            var remainderValid = batchShape.RemainderValid.to(device);
            var positions = SuffixPositions(remainderValid, prefixLength);
            var hidden = policy.Hidden(remainder, positions, remainderValid, cache, out cache);
            var logits = policy.Logits(hidden.select(1, hidden.shape[1] - 1));
            var nextPosition = positions.select(1, positions.shape[1] - 1).add(1).unsqueeze(1);

            // Tokens chosen but not yet run through the model. A token the guide forces for every unfinished row
            // needs no logits, so it waits here and the next forward pass takes all pending tokens at once.
            var pending = new List<(long[] Tokens, bool[] Valid)>();
            for (var step = 0; step < options.MaxNewTokens; step++)
            {
                var sampled = ForcedTokens(states, finished);
                if (sampled is null)
                {
                    if (pending.Count > 0)
                    {
                        var columns = pending.Count;
                        var tokens = tensor(Interleave(pending.Select(p => p.Tokens).ToArray(), rows), [rows, columns], device: device);
                        var valid = tensor(Interleave(pending.Select(p => p.Valid).ToArray(), rows), [rows, columns], device: device);
                        var stepPositions = nextPosition + arange(columns, device: device).unsqueeze(0);
                        hidden = policy.Hidden(tokens, stepPositions, valid, cache, out cache);
                        logits = policy.Logits(hidden.select(1, columns - 1));
                        nextPosition = nextPosition.add(columns);
                        pending.Clear();
                    }

                    var stepLogits = logits;
                    if (guide is not null)
                    {
                        var allowed = guide.AllowedMask(tensor(states!, device: device));
                        stepLogits = logits.masked_fill(allowed.logical_not(), double.NegativeInfinity);
                    }

                    sampled = LogitsFilters.Sample(stepLogits, options, generator).cpu().data<long>().ToArray();
                }

                var wasFinished = (bool[])finished.Clone();
                for (var row = 0; row < rows; row++)
                {
                    if (finished[row])
                    {
                        sampled[row] = tokenizer.PadId;
                        continue;
                    }

                    var token = (int)sampled[row];
                    completions[row].Add(token);
                    if (guide is not null)
                    {
                        stateLog![row].Add(states![row]);
                        states[row] = guide.Advance(states[row], token);
                    }

                    finished[row] = token == tokenizer.EosId || token == tokenizer.Tags.AnswerClose;
                }

                Report(all: false);
                if (finished.All(f => f) || step == options.MaxNewTokens - 1)
                {
                    break;
                }

                pending.Add((sampled, [.. wasFinished.Select(f => !f)]));
            }
        }
        finally
        {
            policy.train(wasTraining);
        }

        Report(all: true);

        return new RolloutBatch(
            prefix,
            remainders,
            [.. completions.Select(c => c.ToArray())],
            stateLog?.Select(s => s.ToArray()).ToArray(),
            [.. finished.Select(f => !f)],
            tokenizer.PadId);
    }

    /// <summary>The tokens the guide forces on every unfinished row, or null when any row has a choice.</summary>
    private long[]? ForcedTokens(int[]? states, bool[] finished)
    {
        if (guide is null || states is null)
        {
            return null;
        }

        var tokens = new long[states.Length];
        for (var row = 0; row < states.Length; row++)
        {
            if (finished[row])
            {
                tokens[row] = tokenizer.PadId;
                continue;
            }

            if (guide.ForcedToken(states[row]) is not { } forced)
            {
                return null;
            }

            tokens[row] = forced;
        }

        return tokens;
    }

    /// <summary>Row-major [rows, columns] data from a list of columns.</summary>
    private static T[] Interleave<T>(T[][] columns, int rows)
    {
        var data = new T[rows * columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            for (var r = 0; r < rows; r++)
            {
                data[(r * columns.Length) + c] = columns[c][r];
            }
        }

        return data;
    }

    /// <summary>
    /// Positions of the suffix tokens (prompt rest, then completion) after a prefix of
    /// <paramref name="prefixLength"/>: each real token gets the next position; padding repeats a neighbour's.
    /// </summary>
    public static Tensor SuffixPositions(Tensor valid, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(valid);
        return valid.to_type(ScalarType.Int64).cumsum(1).add(prefixLength - 1).clamp_min(0);
    }

    /// <summary>The longest token prefix all prompts share, leaving every prompt at least one token of its own.</summary>
    public static int SharedPrefixLength(IReadOnlyList<int[]> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var limit = prompts.Min(p => p.Length) - 1;
        var length = 0;
        while (length < limit && prompts.All(p => p[length] == prompts[0][length]))
        {
            length++;
        }

        return length;
    }

    private KvCache? PrefixCache(int[] prefix, Device device)
    {
        if (prefix.Length == 0)
        {
            return null;
        }

        var ids = tensor(prefix.Select(t => (long)t).ToArray(), [1, prefix.Length], device: device);
        var positions = arange(prefix.Length, device: device).unsqueeze(0);
        var valid = ones(1, prefix.Length, ScalarType.Bool, device);
        policy.Hidden(ids, positions, valid, null, out var cache);
        return cache;
    }
}
