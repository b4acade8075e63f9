namespace MinRnnLab.Config;

/// <summary>
/// About how much memory one training run of a config holds at its peak on a CPU, from the shapes alone (no tensor is
/// made): the weights, their gradients and AdamW's two moments (4 float32 copies of every parameter), the activations
/// autograd keeps from the forward pass to the backward pass, the logits, and the process itself (.NET, libtorch).
/// The per-token activation counts follow what each block's forward saves (see the comments); the overhead and the
/// transient factor were fitted to measured peak RSS (docs/results/memory-estimate/, MemoryEstimateTests).
/// </summary>
public sealed record MemoryEstimate(long Parameters, double WeightBytes, double OptimizerBytes, double ActivationBytes, double OverheadBytes)
{
    /// <summary>A .NET process with libtorch loaded, the corpus and the JIT: measured 240-300 MB before the model.</summary>
    public const double ProcessBytes = 300e6;

    /// <summary>
    /// The backward pass holds, beside the saved activations, the gradients of one layer's activations and libtorch's
    /// temporaries; the allocator keeps freed blocks for reuse. Fitted: peak RSS ≈ overhead + state + this × saved.
    /// </summary>
    public const double TransientFactor = 1.5;

    public double TotalBytes => WeightBytes + OptimizerBytes + ActivationBytes + OverheadBytes;

    public static MemoryEstimate Of(RunConfig config)
    {
        var (m, t) = (config.Model, config.Train);
        var parameters = ParameterCount(m);
        // float32 throughout; AdamW: exp_avg and exp_avg_sq; gradients: one more copy.
        var weights = 4.0 * parameters;
        var optimizer = 3 * weights;
        double tokens = (double)t.BatchSize * m.BlockSize;
        var perToken = m.NLayer * LayerFloatsPerToken(m) + 4.0 * m.VocabSize + 2.0 * m.NEmbd;   // + logits, their log-softmax and gradient, wte/ln_f
        var activations = 4.0 * TransientFactor * tokens * perToken;
        return new MemoryEstimate(parameters, weights, optimizer, activations, ProcessBytes);
    }

    /// <summary>Parameters the model builds (LanguageModel and its blocks), counted from the shapes.</summary>
    public static long ParameterCount(ModelConfig m)
    {
        double c = m.NEmbd, h = (double)m.Expansion * m.NEmbd, k = m.ConvKernel, n = m.DState, v = m.VocabSize;
        double bias = m.Bias ? 1 : 0, rnnBias = m.HasRnnBias() ? 1 : 0;
        var norm = (1 + bias) * c;
        var mlp = m.HasMlp() ? norm + 8 * c * c + bias * 5 * c : 0;                      // ln_2, c_fc (C → 4C), c_proj (4C → C)
        double layer = m.Arch switch
        {
            // ln_1, c_attn (C → 3C), c_proj, ln_2, the MLP.
            Architecture.Transformer => 2 * norm + 12 * c * c + bias * 9 * c,
            // ln_1, libtorch's GRU or LSTM (C → C: gates·C·2C weights, two biases), ln_2, the MLP (always).
            Architecture.Gru or Architecture.Lstm => 2 * norm + RnnGates(m) * c * (2 * c + 2 * bias) + 8 * c * c + bias * 5 * c,
            // norm, in_proj (C → 2H), the depthwise conv (H × k), the core, out_proj (H → C).
            _ when m.EffectiveBlock() == BlockShape.Gated => norm + 2 * h * c + bias * 2 * h + h * k + bias * h + GatedCore(m, h) + h * c + bias * c + mlp,
            // ln_1, the depthwise conv (C × k), in_proj (C → gates·H), out_proj (H → C).
            _ => norm + c * k + bias * c + Gates(m) * h * (c + rnnBias) + h * c + bias * c + mlp,
        };
        var positions = m.Arch == Architecture.Transformer ? m.BlockSize * c : 0;
        var total = v * c + positions + norm + m.NLayer * layer;                         // wte (tied to the head), wpe, ln_f
        return total >= long.MaxValue ? long.MaxValue : (long)total;

        // The core inside a gated block, h wide: Mamba's selective SSM (x_proj, dt_proj, A_log, D), or a minRNN cell h → h.
        double GatedCore(ModelConfig m, double h)
        {
            double rank = (m.NEmbd + 15) / 16;
            return m.Arch == Architecture.Mamba
                ? h * (rank + 2 * n) + rank * h + h + h * n + h
                : Gates(m) * h * (h + rnnBias);
        }
    }

    /// <summary>libtorch's GRU has 3 gate blocks, its LSTM 4.</summary>
    private static int RnnGates(ModelConfig m) => m.Arch == Architecture.Gru ? 3 : 4;

    /// <summary>minGRU projects to z and h~ (2), minLSTM to f, i and h~ (3).</summary>
    private static int Gates(ModelConfig m) => m.Arch == Architecture.MinGru ? 2 : 3;

    /// <summary>Floats one block keeps per token for the backward pass (B·T tokens).</summary>
    private static double LayerFloatsPerToken(ModelConfig m)
    {
        double c = m.NEmbd, h = (double)m.Expansion * m.NEmbd, n = m.DState;
        // LayerNorm in and out, fc in (C) and out (4C), GELU out (4C), c_proj out and its dropout (2C).
        var mlp = m.HasMlp() ? 13 * c : 0;
        return m.Arch switch
        {
            // ln_1 in/out, qkv (3C), y and its contiguous copy, c_proj out, dropout; with dropout, the attention weights
            // and the dropped weights (n_head × T per token each: B·nh·T² floats), and a third such tensor, the raw
            // scores in the forward pass and their gradient in the backward (fused attention without dropout keeps
            // none of them); then the MLP.
            Architecture.Transformer => 8 * c + (m.Dropout > 0 ? 3.0 * m.NHead * m.BlockSize : 0) + 13 * c,
            // norm in/out, in_proj (2H), the conv's contiguous input and its output, SiLU (3H), Δ before and after its
            // softplus (2H), x_proj (2N), y, the skip and their sum (3H), SiLU(z) and the gated product (2H): 12H; and
            // the scan's chunk-start states (N·H / 32 per token). The backward pass adds about 4H more: the gradients a
            // custom function returns live until backward returns (docs/results/use-after-free: +19-21% for Mamba).
            Architecture.Mamba => 4 * c + 16 * h + 2 * n + n * h / 32 + mlp,
            // The classic baselines (not measured): ln_1 in/out, libtorch's saved gates and states per step (GRU 3C + C,
            // LSTM 4C + 2C), its output and dropout, then the MLP.
            Architecture.Gru => 4 * c + 4 * c + 13 * c,
            Architecture.Lstm => 4 * c + 6 * c + 13 * c,
            // In a gated block a minRNN core keeps its projection ((gates + 1)·H) and h instead of the SSM's.
            _ when m.EffectiveBlock() == BlockShape.Gated => 4 * c + 7 * h + (m.Arch == Architecture.MinGru ? 2 : 3) * h + mlp,
            // ln_1 in/out, conv out, u + conv(u), the projection ((gates + 1)·H), h, out_proj and dropout.
            Architecture.MinGru => 6 * c + 3 * h + mlp,
            _ => 6 * c + 4 * h + mlp,
        };
    }
}
