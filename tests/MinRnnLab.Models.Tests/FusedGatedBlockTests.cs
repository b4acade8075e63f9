using MinRnnLab.Config;
using MinRnnLab.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

/// <summary>
/// A whole model with its gated blocks' SiLUs fused into the conv kernel and the scan (<see cref="GatedBlock.FuseActivations"/>)
/// against the same weights with them as separate libtorch ops: the loss and every parameter's gradient. T = 40 spans
/// two of the scan's 32-step chunks; gated minGRU shares the conv's fused SiLU but keeps its gate outside.
/// </summary>
public class FusedGatedBlockTests
{
    [Theory]
    [InlineData(Architecture.Mamba, ScalarType.Float64, 1e-10)]
    [InlineData(Architecture.Mamba, ScalarType.Float32, 1e-5)]
    [InlineData(Architecture.MinGru, ScalarType.Float64, 1e-10)]
    public void FusedActivationsGiveTheUnfusedLossAndGradients(Architecture arch, ScalarType dtype, double tolerance)
    {
        manual_seed(5);
        using var model = ModelFactory.Create(new ModelConfig
        {
            Arch = arch, Block = BlockShape.Gated, NLayer = 2, NEmbd = 32, BlockSize = 40, VocabSize = 65, Dropout = 0,
        });
        model.to(dtype);
        var idx = randint(0, 65, [3, 40], dtype: int64);

        var (fusedLoss, fused) = LossAndGradients(model, idx, fuse: true);
        var (unfusedLoss, unfused) = LossAndGradients(model, idx, fuse: false);

        Assert.True(Math.Abs(fusedLoss - unfusedLoss) < tolerance * Math.Abs(unfusedLoss), $"loss {fusedLoss} against {unfusedLoss}");
        foreach (var (name, expected) in unfused)
        {
            var error = (fused[name] - expected).abs().max().to(float64).item<double>() / expected.abs().max().to(float64).item<double>();
            Assert.True(error < tolerance, $"dL/d{name}: max |fused − unfused| / max |unfused| = {error:E2} ≥ {tolerance:E0}");
        }
    }

    private static (double Loss, Dictionary<string, Tensor> Grads) LossAndGradients(LanguageModel model, Tensor idx, bool fuse)
    {
        foreach (var block in model.Blocks.OfType<GatedBlock>())
            block.FuseActivations = fuse;
        model.zero_grad();
        var loss = LanguageModel.Loss(model.forward(idx), idx.roll(-1, 1));
        loss.backward();
        return (loss.to(float64).item<double>(),
            model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone()));
    }
}
