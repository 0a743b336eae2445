using static TorchSharp.torch;

namespace Verifier.Trainer.Sampling;

/// <summary>
/// Prompts and their sampled completions, laid out as [shared prefix | left-padded prompt rest | right-padded
/// completion]. The shared prefix (the prompt template's common opening) is stored once and, in training,
/// computed once per forward pass and broadcast to every row.
/// </summary>
public sealed class RolloutBatch : IDisposable
{
    public RolloutBatch(int[] prefix, int[][] remainders, int[][] completions, int[][]? guideStates, bool[] truncated, int padId)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(remainders);
        ArgumentNullException.ThrowIfNull(completions);
        ArgumentNullException.ThrowIfNull(truncated);
        if (remainders.Length != completions.Length || truncated.Length != completions.Length)
        {
            throw new ArgumentException("Prompts, completions and truncation flags must have one entry per row.");
        }

        if (remainders.Any(r => r.Length == 0))
        {
            throw new ArgumentException("Every prompt needs at least one token after the shared prefix.", nameof(remainders));
        }

        Prefix = prefix;
        CompletionTokens = completions;
        Truncated = truncated;
        var width = Math.Max(1, completions.Max(c => c.Length));
        Remainder = PadLeft(remainders, padId, out var remValid);
        RemainderValid = remValid;
        Completion = PadRight(completions, width, padId, out var compValid);
        CompletionMask = compValid;
        if (guideStates is not null)
        {
            GuideStates = PadRight(guideStates, width, 0, out var stateValid);
            stateValid.Dispose();
        }
    }

    public int[] Prefix { get; }

    /// <summary>[rows, remainderWidth] long, left-padded.</summary>
    public Tensor Remainder { get; }

    /// <summary>[rows, remainderWidth] bool.</summary>
    public Tensor RemainderValid { get; }

    /// <summary>[rows, completionWidth] long, right-padded.</summary>
    public Tensor Completion { get; }

    /// <summary>[rows, completionWidth] bool: real completion tokens (including the stop token).</summary>
    public Tensor CompletionMask { get; }

    /// <summary>[rows, completionWidth] long format-guide state per token, or null without a guide.</summary>
    public Tensor? GuideStates { get; }

    public int[][] CompletionTokens { get; }

    /// <summary>Rows that hit the length limit without a stop token.</summary>
    public bool[] Truncated { get; }

    public int Rows => CompletionTokens.Length;

    public int CompletionWidth => (int)Completion.shape[1];

    private static Tensor PadLeft(int[][] rows, int pad, out Tensor valid)
    {
        var width = rows.Max(r => r.Length);
        var ids = new long[rows.Length * width];
        var mask = new bool[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
        {
            var offset = (i * width) + width - rows[i].Length;
            for (var j = 0; j < width; j++)
            {
                ids[(i * width) + j] = pad;
            }

            for (var j = 0; j < rows[i].Length; j++)
            {
                ids[offset + j] = rows[i][j];
                mask[offset + j] = true;
            }
        }

        valid = tensor(mask, [rows.Length, width]);
        return tensor(ids, [rows.Length, width]);
    }

    private static Tensor PadRight(int[][] rows, int width, int pad, out Tensor valid)
    {
        var ids = new long[rows.Length * width];
        var mask = new bool[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
        {
            for (var j = 0; j < width; j++)
            {
                var real = j < rows[i].Length;
                ids[(i * width) + j] = real ? rows[i][j] : pad;
                mask[(i * width) + j] = real;
            }
        }

        valid = tensor(mask, [rows.Length, width]);
        return tensor(ids, [rows.Length, width]);
    }

    public void Dispose()
    {
        Remainder.Dispose();
        RemainderValid.Dispose();
        Completion.Dispose();
        CompletionMask.Dispose();
        GuideStates?.Dispose();
    }
}
