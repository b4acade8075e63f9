using MinRnnLab.Config;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// nanoGPT's causal self-attention: one fused QKV projection, scaled-dot-product attention with a causal
/// mask (flash kernels where libtorch has them), output projection, residual dropout.
/// </summary>
public sealed class CausalSelfAttention : Module<Tensor, Tensor>, IDrawsDropoutMasks
{
    private readonly Linear c_attn;
    private readonly Linear c_proj;
    private readonly LockedDropout resid_dropout;
    private readonly int nHead;
    private readonly double attnDropout;

    public CausalSelfAttention(ModelConfig config) : base(nameof(CausalSelfAttention))
    {
        c_attn = Linear(config.NEmbd, 3 * config.NEmbd, hasBias: config.Bias);
        c_proj = Linear(config.NEmbd, config.NEmbd, hasBias: config.Bias);
        resid_dropout = new LockedDropout(config.Dropout);
        nHead = config.NHead;
        attnDropout = config.Dropout;
        RegisterComponents();
    }

    internal Linear OutputProjection => c_proj;

    /// <summary>The attention dropout's seeds; the residual dropout is a module of its own and gets them itself.</summary>
    public DropoutSeeds? Seeds { get; set; }

    public override Tensor forward(Tensor x)
    {
        var (b, t, c) = (x.shape[0], x.shape[1], x.shape[2]);
        var qkv = c_attn.forward(x).split(c, dim: 2);                                   // 3 × (B, T, C)
        var q = qkv[0].view(b, t, nHead, c / nHead).transpose(1, 2);                    // (B, nh, T, hs)
        var k = qkv[1].view(b, t, nHead, c / nHead).transpose(1, 2);
        var v = qkv[2].view(b, t, nHead, c / nHead).transpose(1, 2);
        var y = training && attnDropout > 0
            ? AttentionWithDropout(q, k, v)
            : functional.scaled_dot_product_attention(q, k, v, p: 0, is_casual: true);  // (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(b, t, c);                               // (B, T, C)
        return resid_dropout.forward(c_proj.forward(y));
    }

    // libtorch's fused attention on a CPU takes no dropout: with dropout it computes the weights in full anyway and
    // draws their mask with bernoulli_ (7.5 ns an element). With the model's seeds on a CPU, float32 runs the tiled
    // kernel with a hashed mask, which never makes the (B, nh, T, T) weights; other CPU dtypes write the steps out
    // with the same mask; otherwise the whole fused call is the draw.
    private Tensor AttentionWithDropout(Tensor q, Tensor k, Tensor v)
    {
        if (Seeds is null || !FusedDropout.Supports(q))
            return GlobalGenerator.Draw(Seeds, q.device, () => functional.scaled_dot_product_attention(q, k, v, p: attnDropout, is_casual: true));
        if (!FlashAttentionFunction.Supports(q))
            return Attention(q, k, v, weights => FusedDropout.Apply(weights, attnDropout, Seeds.Next()));
        return FlashAttentionFunction.apply(q, k, v, attnDropout, Seeds.Next());       // (B, nh, T, hs)
    }

    /// <summary>
    /// Causal attention written out: softmax(q kᵀ / √hs, future positions masked), <paramref name="dropout"/> on the
    /// weights, times v. q, k, v (B, nh, T, hs) → (B, nh, T, hs).
    /// </summary>
    internal static Tensor Attention(Tensor q, Tensor k, Tensor v, Func<Tensor, Tensor> dropout)
    {
        var t = q.shape[2];
        using var scale = Scalars.Of(1.0 / Math.Sqrt(q.shape[3]));
        using var future = ones(t, t, dtype: ScalarType.Bool, device: q.device).triu(1);  // (T, T): key after query
        var scores = q.matmul(k.transpose(-2, -1)).mul_(scale).masked_fill_(future, Scalars.NegativeInfinity); // (B, nh, T, T)
        return dropout(functional.softmax(scores, -1)).matmul(v);
    }
}

/// <summary>Pre-LayerNorm transformer block: x + attn(ln(x)), then x + mlp(ln(x)).</summary>
public sealed class TransformerBlock : Module<Tensor, Tensor>, IResidualProjections
{
    private readonly LayerNorm ln_1;
    private readonly CausalSelfAttention attn;
    private readonly LayerNorm ln_2;
    private readonly Mlp mlp;

    public TransformerBlock(ModelConfig config) : base(nameof(TransformerBlock))
    {
        ln_1 = LayerNorm(config.NEmbd, elementwise_affine: true, bias: config.Bias);
        attn = new CausalSelfAttention(config);
        ln_2 = LayerNorm(config.NEmbd, elementwise_affine: true, bias: config.Bias);
        mlp = new Mlp(config);
        RegisterComponents();
    }

    public IEnumerable<Linear> ResidualProjections => [attn.OutputProjection, mlp.OutputProjection];

    public override Tensor forward(Tensor x)
    {
        x = x.Plus(attn.forward(ln_1.forward(x)));
        return x.Plus(mlp.forward(ln_2.forward(x)));
    }
}
