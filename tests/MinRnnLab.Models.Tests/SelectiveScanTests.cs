using MinRnnLab.Models;
using static TorchSharp.torch;
using static MinRnnLab.Models.SelectiveScan;

namespace MinRnnLab.Models.Tests;

public class SelectiveScanTests
{
    private const int Batch = 2, Length = 13, Channels = 6, States = 5;

    // Leaves with the value ranges the block produces: Δ > 0 and A < 0, so every decay is in (0, 1).
    private static Tensor[] RandomInputs(int seed)
    {
        manual_seed(seed);
        return
        [
            randn(Batch, Length, Channels),                                             // x
            nn.functional.softplus(randn(Batch, Length, Channels)),                     // Δ
            -exp(randn(Channels, States)),                                              // A
            randn(Batch, Length, States),                                               // B
            randn(Batch, Length, States),                                               // C
            randn(Channels),                                                            // D
        ];
    }

    private static (Tensor Y, Tensor[] Grads) ValueAndGradients(Tensor[] inputs, Func<Tensor[], Tensor> scan, Tensor weights)
    {
        var leaves = inputs.Select(t => t.detach().clone().requires_grad_(true)).ToArray();
        var y = scan(leaves);
        (y * weights).sum().backward();                                                 // a generic cotangent, not all ones
        return (y.detach(), leaves.Select(l => l.grad!).ToArray());
    }

    [Theory]
    [InlineData(4, false)]      // 13 = 3 full chunks + 1: state and its gradient cross chunk borders
    [InlineData(5, false)]
    [InlineData(64, false)]     // one chunk longer than the sequence
    [InlineData(4, true)]       // the same for the fused CPU kernel Parallel runs here
    [InlineData(64, true)]
    public void ChunkedScanMatchesPerTimestepReferenceInValuesAndGradientsOfAllInputs(int chunk, bool fused)
    {
        var inputs = RandomInputs(seed: 3);
        var weights = randn(Batch, Length, Channels);

        var (expected, expectedGrads) = ValueAndGradients(inputs, i => Reference(i[0], i[1], i[2], i[3], i[4], i[5]), weights);
        var (actual, actualGrads) = ValueAndGradients(inputs,
            i => fused ? Parallel(i[0], i[1], i[2], i[3], i[4], i[5], chunk) : Chunked(i[0], i[1], i[2], i[3], i[4], i[5], chunk), weights);

        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-4), "values differ");
        string[] names = ["x", "delta", "A", "B", "C", "D"];
        for (var i = 0; i < names.Length; i++)
            Assert.True(actualGrads[i].allclose(expectedGrads[i], rtol: 1e-4, atol: 1e-4),
                $"gradient of {names[i]} differs by {(actualGrads[i] - expectedGrads[i]).abs().max().item<float>()}");
    }

    [Fact]
    public void ScanOutputAtTimeTDoesNotDependOnLaterInputs()
    {
        var inputs = RandomInputs(seed: 4);
        var changed = inputs.Select(t => t.clone()).ToArray();
        changed[0][.., 9] = changed[0][.., 9] + 10;                                     // perturb x at t = 9

        var before = Parallel(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5], chunk: 4);
        var after = Parallel(changed[0], changed[1], changed[2], changed[3], changed[4], changed[5], chunk: 4);

        Assert.True(before[.., ..9].allclose(after[.., ..9]));
        Assert.False(before[.., 9..].allclose(after[.., 9..]));
    }

    [Fact]
    public void ScanWorksWhenOnlySomeInputsRequireGradients()
    {
        var inputs = RandomInputs(seed: 5);
        var x = inputs[0].clone().requires_grad_(true);

        Parallel(x, inputs[1], inputs[2], inputs[3], inputs[4], inputs[5], chunk: 4).sum().backward();

        Assert.NotNull(x.grad);
        Assert.Equal(x.shape, x.grad!.shape);
    }
}
