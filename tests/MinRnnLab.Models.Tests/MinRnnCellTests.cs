using MinRnnLab.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models.Tests;

public class MinRnnCellTests
{
    private static Module<Tensor, Tensor> NewCell(string kind, long dX, long dH) =>
        kind == "mingru" ? new MinGru(dX, dH) : new MinLstm(dX, dH);

    [Theory]
    [InlineData("mingru", false)]
    [InlineData("mingru", true)]
    [InlineData("minlstm", false)]
    [InlineData("minlstm", true)]
    public void ParallelScanMatchesSequentialStepOver512Steps(string kind, bool withH0)
    {
        manual_seed(10);
        using var module = NewCell(kind, 8, 16);
        var cell = (IMinRnnCell)module;
        var x = randn(2, 512, 8);                                                       // (B, T, d_x)
        var h0 = withH0 ? rand(2, 16) + 0.1 : null;                                     // positive, (B, d_h)
        using var _ = no_grad();

        var parallel = cell.forward(x, h0);
        var h = h0;
        var steps = new List<Tensor>();
        for (var t = 0; t < 512; t++)
        {
            h = cell.Step(x[.., t], h);
            steps.Add(h);
        }
        var sequential = stack(steps, dim: 1);

        var maxError = (parallel - sequential).abs().max().item<float>();
        Assert.True(maxError < 1e-4, $"max |parallel − sequential| = {maxError}");
    }

    [Fact]
    public void ParameterCountsFollowThePaperFormulas()
    {
        const long dX = 12, dH = 20;

        using var minGru = new MinGru(dX, dH);
        using var minLstm = new MinLstm(dX, dH);
        using var gru = new GruLoop(dX, dH);
        using var lstm = new LstmLoop(dX, dH);

        Assert.Equal(2 * dH * dX + 2 * dH, Count(minGru));
        Assert.Equal(3 * dH * dX + 3 * dH, Count(minLstm));
        Assert.Equal(3 * dH * (dX + dH) + 3 * dH, Count(gru));
        Assert.Equal(4 * dH * (dX + dH) + 4 * dH, Count(lstm));
    }

    [Fact]
    public void MinLstmNormalisedGatesSumToOneAndEqualFOverFPlusI()
    {
        manual_seed(11);
        var kF = randn(1000, dtype: float64) * 30;                                      // saturates both ways
        var kI = randn(1000, dtype: float64) * 30;

        var (logF, logI) = MinLstm.NormalizedLogGates(kF, kI);

        Assert.True((logF.exp() + logI.exp()).allclose(ones_like(kF), rtol: 0, atol: 1e-12));
        var (f, i) = (functional.sigmoid(kF), functional.sigmoid(kI));
        Assert.True(logF.exp().allclose(f / (f + i), rtol: 1e-9, atol: 1e-12));
        Assert.False(logF.isnan().any().item<bool>() || logI.isinf().any().item<bool>());
    }

    [Theory]
    [InlineData("mingru")]
    [InlineData("minlstm")]
    public void GradientsStayFiniteOver4096StepsWithLargeActivations(string kind)
    {
        manual_seed(12);
        using var cell = NewCell(kind, 4, 4);
        var x = (randn(2, 4096, 4) * 100).requires_grad_();                             // (B, T, d_x), large

        cell.forward(x).mean().backward();

        Assert.True(x.grad!.isfinite().all().item<bool>());
        Assert.All(cell.parameters(), p => Assert.True(p.grad!.isfinite().all().item<bool>()));
        Assert.Contains(cell.parameters(), p => p.grad!.abs().sum().item<float>() > 0);
    }

    private static long Count(Module module) => module.parameters().Sum(p => p.numel());
}
