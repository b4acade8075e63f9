using MinRnnLab.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// Character language model shared by every architecture: token embedding (+ positions for the
/// transformer) → dropout → blocks → LayerNorm → head tied to the token embedding.
/// </summary>
public sealed class LanguageModel : Module<Tensor, Tensor>
{
    private readonly Embedding wte;
    private readonly Embedding? wpe;
    private readonly LockedDropout drop;
    private readonly ModuleList<Module<Tensor, Tensor>> h;
    private readonly LayerNorm ln_f;

    public LanguageModel(ModelConfig config, Func<ModelConfig, Module<Tensor, Tensor>> makeBlock) : base(nameof(LanguageModel))
    {
        config.Validate();
        Config = config;
        wte = Embedding(config.VocabSize, config.NEmbd);
        // Recurrent and convolutional blocks know position from order; only attention needs a table.
        wpe = config.Arch == Architecture.Transformer ? Embedding(config.BlockSize, config.NEmbd) : null;
        drop = new LockedDropout(config.Dropout);
        h = new ModuleList<Module<Tensor, Tensor>>(Enumerable.Range(0, config.NLayer).Select(_ => makeBlock(config)).ToArray());
        ln_f = LayerNorm(config.NEmbd, elementwise_affine: true, bias: config.Bias);
        RegisterComponents();
        Initialize();
    }

    public ModelConfig Config { get; }

    /// <summary>
    /// Where this model's dropout masks come from: set, it is handed to every module that draws one, so the masks
    /// depend on nothing but these seeds; null, they come from wherever libtorch's shared generator stands.
    /// </summary>
    public DropoutSeeds? DropoutSeeds
    {
        get;
        set
        {
            field = value;
            foreach (var module in modules().OfType<IDrawsDropoutMasks>())
                module.Seeds = value;
        }
    }

    /// <summary>True when every block can step one token at a time (all but the transformer).</summary>
    public bool IsRecurrent => h.All(block => block is IRecurrentBlock);

    public IEnumerable<Module<Tensor, Tensor>> Blocks => h;

    /// <summary>Parameters that must not be weight-decayed beyond the usual vectors (biases, norms).</summary>
    public IEnumerable<Parameter> ExplicitNoDecayParameters => modules().OfType<INoWeightDecay>().SelectMany(m => m.NoDecayParameters);

    /// <summary>idx (B, T) of token ids → logits (B, T, vocab).</summary>
    public override Tensor forward(Tensor idx)
    {
        var t = idx.shape[1];
        if (t > Config.BlockSize && wpe is not null)
            throw new ArgumentException($"sequence of length {t} exceeds block_size {Config.BlockSize}");
        var x = wte.forward(idx);                                                       // (B, T, C)
        if (wpe is not null)
            x = x.Plus(wpe.forward(Scalars.Range(t, int64, idx.device)));               // + (T, C)
        x = drop.forward(x);
        foreach (var block in h)
            x = block.forward(x);
        return Head(ln_f.forward(x));
    }

    /// <summary>Mean next-token cross-entropy of logits (B, T, V) against targets (B, T).</summary>
    public static Tensor Loss(Tensor logits, Tensor targets) =>
        functional.cross_entropy(logits.view(-1, logits.shape[^1]), targets.view(-1));

    /// <summary>Fresh per-block states for step-by-step decoding.</summary>
    public RecurrentState[] NewStates() =>
        h.Select(block => (block as IRecurrentBlock ?? throw NotRecurrent()).NewState()).ToArray();

    /// <summary>One token per sequence: token (B,) → next-token logits (B, V), advancing <paramref name="states"/>.</summary>
    public Tensor Step(Tensor token, RecurrentState[] states)
    {
        var x = wte.forward(token);                                                     // (B, C)
        for (var i = 0; i < h.Count; i++)
            x = ((IRecurrentBlock)h[i]).Step(x, states[i]);
        return Head(ln_f.forward(x));
    }

    /// <summary>Parameter count; nanoGPT leaves out the position table, which the head does not share.</summary>
    public long ParameterCount(bool includePositions = false)
    {
        // An Embedding's weight is a new wrapper at every read: the scope keeps it alive through numel (see ScopedBuild).
        using var scope = NewDisposeScope();
        return parameters().Sum(p => p.numel()) - (includePositions || wpe is null ? 0 : wpe.weight!.numel());
    }

    /// <summary>Model FLOPs per trained token (forward + backward), nanoGPT's PaLM-style estimate.</summary>
    public double TrainingFlopsPerToken()
    {
        double flops = 6.0 * ParameterCount();
        if (Config.Arch == Architecture.Transformer)
            flops += 12.0 * Config.NLayer * Config.NEmbd * Config.BlockSize;           // attention scores and mixing
        return flops;
    }

    // Weight tying: the output head reuses the token embedding matrix.
    private Tensor Head(Tensor x) => functional.linear(x, wte.weight!);

    private void Initialize()
    {
        using var _ = no_grad();
        if (Config.Init != InitScheme.Pytorch)
            InitializeNormal(scaleResidualProjections: Config.Init == InitScheme.Nanogpt);
        // Cores with their own recipe (Mamba's Δ bias and A_log) keep it under every scheme.
        foreach (var core in modules().OfType<ISelfInitializing>())
            core.InitializeParameters();
    }

    // N(0, 0.02) on every Linear and embedding, biases zero; nanoGPT also shrinks the residual-path output
    // projections to 0.02/√(2·n_layer) so the residual stream's variance does not grow with depth.
    private void InitializeNormal(bool scaleResidualProjections)
    {
        foreach (var module in InitializationOrder(this))
        {
            if (module is Linear linear)
            {
                init.normal_(linear.weight!, 0.0, 0.02);
                if (linear.bias is not null)
                    init.zeros_(linear.bias);
            }
            else if (module is Embedding embedding)
            {
                init.normal_(embedding.weight!, 0.0, 0.02);
            }
        }
        if (!scaleResidualProjections)
            return;
        var residualStd = 0.02 / Math.Sqrt(2.0 * Config.NLayer);
        foreach (var projection in h.OfType<IResidualProjections>().SelectMany(b => b.ResidualProjections))
            init.normal_(projection.weight!, 0.0, residualStd);
    }

    // The order modules() walks (all children, then each child's subtree), except that the selective SSM's layers
    // count as its block's own, where they sat before the SSM became a submodule of the gated block: the random
    // draws, and so a seed's Mamba weights, stay what they were.
    private static IEnumerable<Module> InitializationOrder(Module module)
    {
        var children = module.children().SelectMany(c => c is SelectiveSsm ? c.children() : [c]).ToList();
        return children.Concat(children.SelectMany(InitializationOrder));
    }

    private InvalidOperationException NotRecurrent() =>
        new($"{Config.Arch.ToConfigName()} has no step mode; generate with a sliding context window instead");
}
