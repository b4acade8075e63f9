using MinRnnLab.Config;
using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

public class MambaTests
{
    private static readonly ModelConfig Small = new()
    {
        Arch = Architecture.Mamba, NLayer = 2, NEmbd = 32, BlockSize = 16, VocabSize = 65, Dropout = 0,
    };

    [Fact]
    public void WholeSequenceLogitsEqualStepByStepLogits()
    {
        manual_seed(0);
        using var model = ModelFactory.Create(Small);
        model.eval();
        var idx = randint(0, 65, [2, 11], dtype: int64);

        using var _ = no_grad();
        var parallel = model.forward(idx);                                              // (B, T, V)
        var states = model.NewStates();
        var sequential = stack(Enumerable.Range(0, 11).Select(t => model.Step(idx[.., t], states)).ToArray(), dim: 1);
        foreach (var state in states)
            state.Dispose();

        Assert.True(model.IsRecurrent);
        Assert.True(parallel.allclose(sequential, rtol: 1e-4, atol: 1e-4),
            $"max difference {(parallel - sequential).abs().max().item<float>()}");
    }

    [Theory]
    [InlineData(Architecture.Mamba)]
    [InlineData(Architecture.MinGru)]
    [InlineData(Architecture.MinLstm)]
    public void PredictionsAcrossSeveralScanChunksNeverSeeLaterTokens(Architecture arch)
    {
        // T = 96 spans three of Mamba's 32-step scan chunks; the paper-size runs train at T = 64–256.
        manual_seed(3);
        using var model = ModelFactory.Create(new ModelConfig
        {
            Arch = arch, NLayer = 2, NEmbd = 32, BlockSize = 96, VocabSize = 65, Dropout = 0,
        });
        model.eval();
        var idx = randint(0, 65, [2, 96], dtype: int64);
        var changed = idx.clone();
        changed[.., 70] = (changed[.., 70] + 1) % 65;

        var before = model.forward(idx)[.., ..70];
        var after = model.forward(changed)[.., ..70];

        Assert.True(before.allclose(after, rtol: 1e-5, atol: 1e-5), $"{arch} logits before position 70 changed");
        Assert.False(model.forward(idx)[.., 70..].allclose(model.forward(changed)[.., 70..]));
    }

    [Fact]
    public void InitialisationFollowsTheMambaRecipe()
    {
        manual_seed(0);
        using var model = ModelFactory.Create(Small);
        var p = model.named_parameters().ToDictionary(kv => kv.name, kv => kv.parameter);

        var dt = nn.functional.softplus(p["h.0.core.dt_proj.bias"]);                    // (E·d)
        var dtRankBound = Math.Pow(Math.Ceiling(32 / 16.0), -0.5);
        var dtWeight = p["h.0.core.dt_proj.weight"];
        var expectedALog = log(arange(1, 17, dtype: float32)).expand(64, 16);

        Assert.InRange(dt.min().item<float>(), 0.001f * 0.999f, 0.1f);
        Assert.InRange(dt.max().item<float>(), 0.001f, 0.1f * 1.001f);
        Assert.True(dtWeight.abs().max().item<float>() <= dtRankBound);
        Assert.True(dtWeight.std().item<float>() > 0.1, "dt_proj weight kept the generic normal(0, 0.02) init");
        Assert.True(p["h.1.core.A_log"].allclose(expectedALog));
        Assert.True(p["h.1.core.D"].eq(1).all().item<bool>());
    }

    [Fact]
    public void ALogAndDAreExcludedFromWeightDecay()
    {
        using var model = ModelFactory.Create(Small);
        var p = model.named_parameters().ToDictionary(kv => kv.name, kv => kv.parameter);
        var noDecay = model.ExplicitNoDecayParameters.ToList();

        Assert.Equal(2 * Small.NLayer, noDecay.Count);
        foreach (var name in new[] { "h.0.core.A_log", "h.0.core.D", "h.1.core.A_log", "h.1.core.D" })
            Assert.Contains(noDecay, q => ReferenceEquals(q, p[name]));
    }

    [Fact]
    public void TrainingStepProducesFiniteGradientsForEveryParameter()
    {
        manual_seed(1);
        using var model = ModelFactory.Create(Small with { Dropout = 0.1 });
        var idx = randint(0, 65, [2, 16], dtype: int64);

        var loss = LanguageModel.Loss(model.forward(idx), idx.roll(-1, 1));
        loss.backward();

        Assert.InRange(loss.item<float>(), Math.Log(65) - 0.3, Math.Log(65) + 0.3);
        foreach (var (name, parameter) in model.named_parameters())
        {
            Assert.True(parameter.grad is not null, $"{name} has no gradient");
            Assert.True(parameter.grad!.isfinite().all().item<bool>(), $"{name} has a non-finite gradient");
        }
    }
}
