using MinRnnLab.Config;
using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

/// <summary>Every block option on every recurrent core: causal, and the same function in parallel and step by step.</summary>
public class BlockVariantTests
{
    private const int T = 10;

    public static TheoryData<string> EveryVariant()
    {
        var data = new TheoryData<string>();
        foreach (var init in Enum.GetValues<InitScheme>())
        {
            foreach (var mlp in new[] { true, false })
            {
                foreach (var rnnBias in new[] { true, false })
                {
                    foreach (var arch in new[] { Architecture.MinGru, Architecture.MinLstm })
                    {
                        foreach (var convResidual in new[] { true, false })
                            data.Add(Describe(Tiny(arch) with { Block = BlockShape.Paper, ConvResidual = convResidual, Mlp = mlp, RnnBias = rnnBias, Init = init }));
                        data.Add(Describe(Tiny(arch) with { Block = BlockShape.Gated, Mlp = mlp, RnnBias = rnnBias, Init = init }));
                    }
                }
                data.Add(Describe(Tiny(Architecture.Mamba) with { Mlp = mlp, Init = init }));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryVariant))]
    public void VariantNeverSeesLaterTokensAndStepsLikeItsParallelForm(string variant)
    {
        var config = Parse(variant);
        manual_seed(11);
        using var model = ModelFactory.Create(config);
        model.eval();
        using var _ = no_grad();
        var idx = randint(0, 65, [2, T], dtype: int64);
        var changed = idx.clone();
        changed[.., 6] = (changed[.., 6] + 1) % 65;

        var whole = model.forward(idx);                                                 // (B, T, V)
        var states = model.NewStates();
        var stepped = stack(Enumerable.Range(0, T).Select(t => model.Step(idx[.., t], states)).ToArray(), dim: 1);
        foreach (var state in states)
            state.Dispose();
        var afterChange = model.forward(changed);

        var maxError = (whole - stepped).abs().max().item<float>();
        Assert.True(maxError < 1e-4, $"{variant}: max |parallel − stepped| = {maxError}");
        Assert.True(whole[.., ..6].allclose(afterChange[.., ..6], rtol: 1e-5, atol: 1e-6), $"{variant}: logits before position 6 changed");
        Assert.False(whole[.., 6..].allclose(afterChange[.., 6..]), $"{variant}: the changed token had no effect");
    }

    [Theory]
    [InlineData("mingru", null, typeof(MinRnnBlock))]
    [InlineData("minlstm", null, typeof(MinRnnBlock))]
    [InlineData("mamba", null, typeof(GatedBlock))]
    [InlineData("mingru", BlockShape.Gated, typeof(GatedBlock))]
    [InlineData("minlstm", BlockShape.Paper, typeof(MinRnnBlock))]
    public void BlockDefaultsToTheArchitecturesOwnShape(string arch, BlockShape? block, Type expected)
    {
        using var model = ModelFactory.Create(Tiny(ArchitectureNames.Parse(arch)) with { Block = block });
        Assert.All(model.Blocks, b => Assert.IsType(expected, b));
    }

    [Fact]
    public void GatedMinGruHasMambasShapeWithoutAnMlp()
    {
        using var model = ModelFactory.Create(Tiny(Architecture.MinGru) with { Block = BlockShape.Gated, NLayer = 1 });
        const long c = 8, e = 2, v = 65, k = 4;
        var inner = e * c;

        // LayerNorm 2C, in_proj C·2E·C + 2E·C, conv E·C·k + E·C, minGRU E·C → 2·E·C with bias, out_proj E·C·C + C.
        var block = 2 * c + (c * 2 * inner + 2 * inner) + (inner * k + inner) + (inner * 2 * inner + 2 * inner) + (inner * c + c);
        Assert.Equal(block + v * c + 2 * c, model.ParameterCount());
    }

    [Fact]
    public void RnnBiasFalseDropsOnlyTheCellProjectionBias()
    {
        using var with = ModelFactory.Create(Tiny(Architecture.MinGru));
        using var without = ModelFactory.Create(Tiny(Architecture.MinGru) with { RnnBias = false });
        var names = without.named_parameters().Select(p => p.name).ToHashSet();

        Assert.Contains("h.0.rnn.in_proj.bias", with.named_parameters().Select(p => p.name));
        Assert.DoesNotContain("h.0.rnn.in_proj.bias", names);
        Assert.Contains("h.0.out_proj.bias", names);
        Assert.Equal(with.ParameterCount() - 2 * 2 * 2 * 8, without.ParameterCount());   // n_layer · 2 gates · E·C
    }

    [Fact]
    public void InitSchemesDifferWhereTheySay()
    {
        var config = Tiny(Architecture.MinGru) with { NEmbd = 64, NLayer = 8 };
        Dictionary<string, float> Stds(InitScheme scheme)
        {
            manual_seed(4);
            using var model = ModelFactory.Create(config with { Init = scheme });
            return model.named_parameters().ToDictionary(p => p.name, p => p.parameter.std().item<float>());
        }
        var nanogpt = Stds(InitScheme.Nanogpt);
        var normal = Stds(InitScheme.Normal);
        var pytorch = Stds(InitScheme.Pytorch);

        Assert.InRange(nanogpt["h.0.out_proj.weight"], 0.02 / 4 * 0.8, 0.02 / 4 * 1.2);  // 0.02/√(2·8)
        Assert.InRange(normal["h.0.out_proj.weight"], 0.02 * 0.8, 0.02 * 1.2);
        Assert.InRange(normal["wte.weight"], 0.02 * 0.8, 0.02 * 1.2);
        Assert.InRange(pytorch["wte.weight"], 0.8, 1.2);                                // Embedding's N(0, 1)
        Assert.InRange(pytorch["h.0.rnn.in_proj.weight"], 0.8 / Math.Sqrt(3 * 64), 1.2 / Math.Sqrt(3 * 64)); // U(±1/√64)
    }

    [Theory]
    [InlineData(Architecture.Mamba, BlockShape.Paper, false, "block")]
    [InlineData(Architecture.Transformer, BlockShape.Gated, false, "block")]
    [InlineData(Architecture.MinGru, BlockShape.Gated, true, "conv_residual")]
    [InlineData(Architecture.Mamba, null, true, "conv_residual")]
    [InlineData(Architecture.Gru, null, true, "conv_residual")]
    public void ImpossibleCombinationsNameTheirKey(Architecture arch, BlockShape? block, bool convResidual, string key)
    {
        var config = Tiny(arch) with { Block = block, ConvResidual = convResidual, NHead = 2 };
        var error = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Contains($"'{key}'", error.Message);
    }

    private static ModelConfig Tiny(Architecture arch) => new()
    {
        Arch = arch, NLayer = 2, NEmbd = 8, BlockSize = T, VocabSize = 65, Dropout = 0, DState = 4,
    };

    // Theory data as text, so each case is named readably in the test log.
    private static string Describe(ModelConfig c) =>
        $"{c.Arch.ToConfigName()} block={c.EffectiveBlock().ToConfigName()} conv_residual={c.HasConvResidual()} " +
        $"mlp={c.HasMlp()} rnn_bias={c.RnnBias} init={c.Init.ToConfigName()}";

    private static ModelConfig Parse(string variant)
    {
        var parts = variant.Split(' ').Skip(1).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        return Tiny(ArchitectureNames.Parse(variant.Split(' ')[0])) with
        {
            Block = Enum.Parse<BlockShape>(parts["block"], ignoreCase: true),
            ConvResidual = bool.Parse(parts["conv_residual"]),
            Mlp = bool.Parse(parts["mlp"]),
            RnnBias = parts["rnn_bias"] == "" ? null : bool.Parse(parts["rnn_bias"]),
            Init = Enum.Parse<InitScheme>(parts["init"], ignoreCase: true),
        };
    }
}
