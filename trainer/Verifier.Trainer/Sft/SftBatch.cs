using Verifier.Trainer.Sampling;
using static TorchSharp.torch;

namespace Verifier.Trainer.Sft;

/// <summary>
/// Rows laid out as [shared prefix | right-padded rest]: the opening every row shares (the prompt template) is
/// run once per batch, as in GRPO's update, and broadcast to the rows through the KV cache. The prefix ends at
/// least one token before the first target of any row, so every target is predicted from the rest's hidden states.
/// </summary>
public sealed class SftBatch : IDisposable
{
    private SftBatch(int[] prefix, Tensor rest, Tensor valid, Tensor lossMask)
    {
        Prefix = prefix;
        Rest = rest;
        Valid = valid;
        LossMask = lossMask;
    }

    public int[] Prefix { get; }

    /// <summary>[rows, width] long, right-padded.</summary>
    public Tensor Rest { get; }

    /// <summary>[rows, width] bool: real tokens.</summary>
    public Tensor Valid { get; }

    /// <summary>[rows, width] bool: tokens that are targets (completion tokens only).</summary>
    public Tensor LossMask { get; }

    public static SftBatch Create(IReadOnlyList<SftSequence> rows, int padId)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0 || rows.Any(r => r.Tokens.Length < 2 || r.LossMask.Length != r.Tokens.Length))
        {
            throw new ArgumentException("An SFT batch needs rows of at least two tokens, each with a loss mask of its length.", nameof(rows));
        }

        var firstTarget = rows.Min(r => Array.IndexOf(r.LossMask, true) is var i and >= 0 ? i : r.Tokens.Length);
        var prefixLength = Math.Min(CompletionSampler.SharedPrefixLength([.. rows.Select(r => r.Tokens)]), Math.Max(0, firstTarget - 1));
        var width = rows.Max(r => r.Tokens.Length) - prefixLength;
        var ids = new long[rows.Count * width];
        var valid = new bool[rows.Count * width];
        var loss = new bool[rows.Count * width];
        for (var row = 0; row < rows.Count; row++)
        {
            var (tokens, mask) = (rows[row].Tokens, rows[row].LossMask);
            for (var j = 0; j < width; j++)
            {
                var source = prefixLength + j;
                var real = source < tokens.Length;
                ids[(row * width) + j] = real ? tokens[source] : padId;
                valid[(row * width) + j] = real;
                loss[(row * width) + j] = real && mask[source];
            }
        }

        return new SftBatch(
            rows[0].Tokens[..prefixLength],
            tensor(ids, [rows.Count, width]),
            tensor(valid, [rows.Count, width]),
            tensor(loss, [rows.Count, width]));
    }

    public void Dispose()
    {
        Rest.Dispose();
        Valid.Dispose();
        LossMask.Dispose();
    }
}
