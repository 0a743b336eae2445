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
    private readonly Embedding _positionEmbedding;
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
        _positionEmbedding = Embedding(options.ContextLength, options.Dim);
        _blocks = new ModuleList<Block>([.. Enumerable.Range(0, options.Layers).Select(i => new Block(options, $"block{i}"))]);
        _finalNorm = LayerNorm(options.Dim);
        _head = Linear(options.Dim, vocabSize, hasBias: false);
        // Registered by hand so that the state-dict keys read like a PyTorch GPT's (wte.weight, blocks.0.qkv.weight).
        register_module("wte", _tokenEmbedding);
        register_module("wpe", _positionEmbedding);
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
        var mask = AttentionMask(keyValid, tokens.shape[1]);
        var x = _tokenEmbedding.forward(tokens) + _positionEmbedding.forward(positions);
        var keys = new Tensor[_blocks.Count];
        var values = new Tensor[_blocks.Count];
        for (var i = 0; i < _blocks.Count; i++)
        {
            (x, keys[i], values[i]) = _blocks[i].Forward(x, mask, past?.Keys(i), past?.Values(i));
        }

        cache = new KvCache(keys, values, keyValid);
        return _finalNorm.forward(x);
    }

    /// <summary>Output logits for hidden states from <see cref="Hidden"/>.</summary>
    public Tensor Logits(Tensor hidden) => _head.forward(hidden);

    /// <summary>
    /// [batch, 1, time, pastLength + time] bool: a query sees every valid cached key and the valid new keys at
    /// or before it, and always itself, so a padding row never ends up with nothing to attend to.
    /// </summary>
    private static Tensor AttentionMask(Tensor keyValid, long time)
    {
        var total = keyValid.shape[1];
        var past = total - time;
        var device = keyValid.device;
        var queryPos = arange(past, total, device: device).unsqueeze(1);
        var keyPos = arange(total, device: device).unsqueeze(0);
        var causal = keyPos.le(queryPos);
        var self = keyPos.eq(queryPos);
        return keyValid.unsqueeze(1).unsqueeze(1).logical_and(causal).logical_or(self);
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
            _positionEmbedding.Dispose();
            _blocks.Dispose();
            _finalNorm.Dispose();
            _head.Dispose();
        }

        base.Dispose(disposing);
    }
}
