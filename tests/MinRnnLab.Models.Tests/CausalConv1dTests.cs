using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

public class CausalConv1dTests
{
    [Fact]
    public void StepByStepEqualsParallelConvolution()
    {
        manual_seed(1);
        using var conv = new CausalConv1d(channels: 8, kernel: 4);
        var x = randn(3, 20, 8);                                                        // (B, T, C)
        var parallel = conv.forward(x);

        using var state = new RecurrentState(1);
        var steps = Enumerable.Range(0, 20).Select(t => conv.Step(x[.., t], state, slot: 0)).ToArray();
        var sequential = stack(steps, dim: 1);

        Assert.True(parallel.allclose(sequential, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void OutputNeverSeesFutureInputs()
    {
        manual_seed(2);
        using var conv = new CausalConv1d(channels: 4, kernel: 4);
        var x = randn(1, 10, 4);
        var changed = x.clone();
        changed[0, 7] = changed[0, 7] + 100;

        var before = conv.forward(x)[.., ..7];
        var after = conv.forward(changed)[.., ..7];

        Assert.True(before.allclose(after));
    }
}
