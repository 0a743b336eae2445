using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Verifier.Trainer.Model;

/// <summary>
/// GPT-style decoder: token and learned position embeddings, pre-norm blocks of causal self-attention and
/// a GELU MLP, a final LayerNorm and an untied output head. Positions are passed in explicitly so that
/// left-padded prompts and a shared cached prefix get the positions they would have unpadded.
/// </summary>
public sealed class Gpt : Module<Tensor, Tensor>
{
    private readonly Embedding _tokenEmbedding;
    private readonly Embedding? _positionEmbedding;
    private readonly bool _alibi;
    private readonly ModuleList<Block> _blocks;
    private readonly LayerNorm _finalNorm;
    private readonly Linear _head;

    public Gpt(int vocabSize, GptOptions options) : base(nameof(Gpt))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        VocabSize = vocabSize;
        Options = options;
        _tokenEmbedding = Embedding(vocabSize, options.Dim);
        if (options.UsesAlibi)
        {
            _alibi = true;
        }
        else
        {
            _positionEmbedding = Embedding(options.ContextLength, options.Dim);
        }
        _blocks = new ModuleList<Block>([.. Enumerable.Range(0, options.Layers).Select(i => new Block(options, $"block{i}"))]);
        _finalNorm = LayerNorm(options.Dim);
        _head = Linear(options.Dim, vocabSize, hasBias: false);
        // Registered by hand so that the state-dict keys read like a PyTorch GPT's (wte.weight, blocks.0.qkv.weight).
        register_module("wte", _tokenEmbedding);
        if (_positionEmbedding is not null)
        {
            register_module("wpe", _positionEmbedding);
        }
        else
        {
            // A buffer, so that .to(device) moves it; not persistent, so checkpoints hold only weights.
            register_buffer("alibi_slopes", AlibiSlopes(options.Heads), persistent: false);
        }
        register_module("blocks", _blocks);
        register_module("ln_f", _finalNorm);
        register_module("lm_head", _head);
        InitWeights(options);
    }

    public int VocabSize { get; }

    public GptOptions Options { get; }

    /// <summary>Logits for a plain, unpadded batch [batch, time] starting at position 0.</summary>
    public override Tensor forward(Tensor input)
    {
        var (batch, time) = (input.shape[0], input.shape[1]);
        var positions = arange(time, device: input.device).unsqueeze(0).expand(batch, -1);
        var valid = ones(batch, time, ScalarType.Bool, input.device);
        return Logits(Hidden(input, positions, valid, null, out _));
    }

    /// <summary>
    /// Runs the blocks over <paramref name="tokens"/> [batch, time] after the cached positions.
    /// <paramref name="valid"/> [batch, time] marks real tokens; padding neither attends nor is attended to.
    /// Returns the final-normalised hidden states [batch, time, dim] and, in <paramref name="cache"/>, the
    /// cache extended by these positions.
    /// </summary>
    public Tensor Hidden(Tensor tokens, Tensor positions, Tensor valid, KvCache? past, out KvCache cache)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(valid);
        if (past is not null && past.BatchSize != tokens.shape[0])
        {
            past = past.Expand(tokens.shape[0]);
        }

        var keyValid = past is null ? valid : cat([past.Valid, valid], 1);
        var keyPositions = past is null ? positions : cat([past.Positions, positions], 1);
        var mask = AttentionMask(keyValid, keyPositions, positions);
        var x = _tokenEmbedding.forward(tokens);
        if (_positionEmbedding is not null)
        {
            x = x + _positionEmbedding.forward(positions);
        }

        var keys = new Tensor[_blocks.Count];
        var values = new Tensor[_blocks.Count];
        for (var i = 0; i < _blocks.Count; i++)
        {
            (x, keys[i], values[i]) = _blocks[i].Forward(x, mask, past?.Keys(i), past?.Values(i));
        }

        cache = new KvCache(keys, values, keyValid, keyPositions);
        return _finalNorm.forward(x);
    }

    /// <summary>Output logits for hidden states from <see cref="Hidden"/>.</summary>
    public Tensor Logits(Tensor hidden) => _head.forward(hidden);

    /// <summary>
    /// A query sees every valid cached key and the valid new keys at or before it, and always itself, so a
    /// padding row never ends up with nothing to attend to. Without ALiBi: [batch, 1, time, keys] bool. With
    /// ALiBi: [batch, heads, time, keys] float, −slope·(query position − key position) where allowed, −inf elsewhere.
    /// </summary>
    private Tensor AttentionMask(Tensor keyValid, Tensor keyPositions, Tensor queryPositions)
    {
        var total = keyValid.shape[1];
        var time = queryPositions.shape[1];
        var device = keyValid.device;
        var queryIndex = arange(total - time, total, device: device).unsqueeze(1);
        var keyIndex = arange(total, device: device).unsqueeze(0);
        var causal = keyIndex.le(queryIndex);
        var self = keyIndex.eq(queryIndex);
        var allowed = keyValid.unsqueeze(1).unsqueeze(1).logical_and(causal).logical_or(self);
        if (!_alibi)
        {
            return allowed;
        }

        var slopes = get_buffer("alibi_slopes")!;
        var distance = (queryPositions.unsqueeze(2) - keyPositions.unsqueeze(1)).unsqueeze(1).to_type(slopes.dtype);
        var bias = distance * -slopes.view(1, -1, 1, 1);
        return bias.masked_fill(allowed.logical_not(), double.NegativeInfinity);
    }

    /// <summary>ALiBi's geometric slopes, 2^(−8/n), 2^(−16/n), ... for n heads (interpolated for non-powers of two).</summary>
    private static Tensor AlibiSlopes(int heads)
    {
        static IEnumerable<double> PowerOfTwo(int n) => Enumerable.Range(1, n).Select(i => Math.Pow(2, -8.0 * i / n));
        var closest = 1 << (int)Math.Floor(Math.Log2(heads));
        var slopes = PowerOfTwo(closest).Concat(PowerOfTwo(2 * closest).Where((_, i) => i % 2 == 0).Take(heads - closest));
        return tensor(slopes.Select(v => (float)v).ToArray());
    }

    private void InitWeights(GptOptions options)
    {
        using var _ = no_grad();
        var residualStd = 0.02 / Math.Sqrt(2.0 * options.Layers);
        foreach (var (name, p) in named_parameters())
        {
            if (name.EndsWith(".bias", StringComparison.Ordinal) || name.StartsWith("ln_", StringComparison.Ordinal) || name.Contains(".ln_", StringComparison.Ordinal))
            {
                continue;
            }

            var std = name.EndsWith("proj.weight", StringComparison.Ordinal) ? residualStd : 0.02;
            init.normal_(p, 0, std);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tokenEmbedding.Dispose();
            _positionEmbedding?.Dispose();
            _blocks.Dispose();
            _finalNorm.Dispose();
            _head.Dispose();
        }

        base.Dispose(disposing);
    }
}
