using static TorchSharp.torch;

namespace Verifier.Trainer.Sampling;

/// <summary>Temperature, top-k and top-p applied to a batch of next-token logits [batch, vocab].</summary>
public static class LogitsFilters
{
    /// <summary>Keeps the <paramref name="k"/> largest logits of each row; the rest become -inf.</summary>
    public static Tensor TopK(Tensor logits, int k)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (k <= 0 || k >= logits.shape[^1])
        {
            return logits;
        }

        var kth = logits.topk(k, dim: -1).values.narrow(-1, k - 1, 1);
        return logits.masked_fill(logits.lt(kth), double.NegativeInfinity);
    }

    /// <summary>
    /// Keeps, per row, the smallest set of most likely tokens whose probability reaches <paramref name="p"/>
    /// (always at least the most likely token); the rest become -inf.
    /// </summary>
    public static Tensor TopP(Tensor logits, double p)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (p >= 1.0)
        {
            return logits;
        }

        var (sorted, order) = logits.sort(dim: -1, descending: true);
        var probs = nn.functional.softmax(sorted, -1);
        // A token is dropped when the tokens ranked above it already carry p of the mass.
        var massBefore = probs.cumsum(-1) - probs;
        var dropSorted = massBefore.ge(p);
        var drop = zeros_like(dropSorted).scatter(-1, order, dropSorted);
        return logits.masked_fill(drop, double.NegativeInfinity);
    }

    /// <summary>Draws one token per row; temperature 0 takes the argmax.</summary>
    public static Tensor Sample(Tensor logits, SamplingOptions options, Generator? generator)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Temperature == 0)
        {
            return logits.argmax(-1);
        }

        var scaled = TopP(TopK(logits / options.Temperature, options.TopK), options.TopP);
        var probs = nn.functional.softmax(scaled, -1);
        return multinomial(probs, 1, generator: generator).squeeze(-1);
    }
}
