using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Verifier.Trainer.Model;

/// <summary>One pre-norm transformer block: x + attn(ln(x)), then x + mlp(ln(x)).</summary>
internal sealed class Block : Module
{
    private readonly LayerNorm _norm1;
    private readonly Linear _qkv;
    private readonly Linear _attnProj;
    private readonly LayerNorm _norm2;
    private readonly Linear _mlpFc;
    private readonly Linear _mlpProj;
    private readonly int _heads;
    private readonly int _headDim;

    public Block(GptOptions options, string name) : base(name)
    {
        _heads = options.Heads;
        _headDim = options.Dim / options.Heads;
        _norm1 = LayerNorm(options.Dim);
        _qkv = Linear(options.Dim, 3 * options.Dim);
        _attnProj = Linear(options.Dim, options.Dim);
        _norm2 = LayerNorm(options.Dim);
        _mlpFc = Linear(options.Dim, options.MlpRatio * options.Dim);
        _mlpProj = Linear(options.MlpRatio * options.Dim, options.Dim);
        register_module("ln_1", _norm1);
        register_module("qkv", _qkv);
        register_module("attn_proj", _attnProj);
        register_module("ln_2", _norm2);
        register_module("mlp_fc", _mlpFc);
        register_module("mlp_proj", _mlpProj);
    }

    /// <summary>Returns the block output and this layer's keys and values including the cached ones.</summary>
    public (Tensor Output, Tensor Keys, Tensor Values) Forward(Tensor x, Tensor mask, Tensor? pastKeys, Tensor? pastValues)
    {
        var (batch, time, dim) = (x.shape[0], x.shape[1], x.shape[2]);
        var split = _qkv.forward(_norm1.forward(x)).view(batch, time, 3, _heads, _headDim).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (split[0], split[1], split[2]);
        if (pastKeys is not null && pastValues is not null)
        {
            k = cat([pastKeys, k], 2);
            v = cat([pastValues, v], 2);
        }

        var attended = functional.scaled_dot_product_attention(q, k, v, mask);
        var merged = attended.transpose(1, 2).reshape(batch, time, dim);
        x = x + _attnProj.forward(merged);
        x = x + _mlpProj.forward(functional.gelu(_mlpFc.forward(_norm2.forward(x))));
        return (x, k, v);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _norm1.Dispose();
            _qkv.Dispose();
            _attnProj.Dispose();
            _norm2.Dispose();
            _mlpFc.Dispose();
            _mlpProj.Dispose();
        }

        base.Dispose(disposing);
    }
}
