using TorchSharp;
using static TorchSharp.torch;

namespace Verifier.Trainer.Model;

/// <summary>
/// Keys and values of the positions already processed, one pair per layer, shaped [batch, heads, time, headDim],
/// plus which of those positions are real tokens (padding is never attended to).
/// </summary>
/// <remarks>
/// A cache built for one sequence (batch 1, e.g. the prompt template shared by a whole batch) is broadcast to
/// the batch with <see cref="Expand"/>; gradients flow back into it, so training also computes the shared
/// prefix once.
/// </remarks>
public sealed class KvCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    internal KvCache(Tensor[] keys, Tensor[] values, Tensor valid, Tensor positions)
    {
        _keys = keys;
        _values = values;
        Valid = valid;
        Positions = positions;
    }

    /// <summary>[batch, time] bool: which cached positions are real tokens.</summary>
    public Tensor Valid { get; }

    /// <summary>[batch, time] long: the position of each cached token (ALiBi needs the distance to it).</summary>
    public Tensor Positions { get; }

    /// <summary>Number of cached positions.</summary>
    public long Length => Valid.shape[1];

    public long BatchSize => Valid.shape[0];

    internal Tensor Keys(int layer) => _keys[layer];

    internal Tensor Values(int layer) => _values[layer];

    /// <summary>Broadcasts a batch-1 cache to <paramref name="batch"/> rows without copying.</summary>
    public KvCache Expand(long batch)
    {
        if (BatchSize == batch)
        {
            return this;
        }

        if (BatchSize != 1)
        {
            throw new InvalidOperationException($"Only a batch-1 cache can be expanded (this one has {BatchSize} rows).");
        }

        return new KvCache(
            [.. _keys.Select(k => k.expand(batch, -1, -1, -1))],
            [.. _values.Select(v => v.expand(batch, -1, -1, -1))],
            Valid.expand(batch, -1),
            Positions.expand(batch, -1));
    }

    /// <summary>Moves the tensors to the enclosing dispose scope, so the cache outlives a step's scope.</summary>
    public KvCache MoveToOuterDisposeScope()
    {
        foreach (var t in _keys.Concat(_values).Append(Valid).Append(Positions))
        {
            t.MoveToOuterDisposeScope();
        }

        return this;
    }

    public void Dispose()
    {
        foreach (var t in _keys.Concat(_values).Append(Valid).Append(Positions))
        {
            t.Dispose();
        }
    }
}
