using MinRnnLab.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

/// <summary>
/// The fused CPU causal convolution against libtorch's grouped conv1d (<see cref="CausalConv1d.Grouped"/>), values
/// and the gradients of x, the weight and the bias. Width 13 is not a multiple of a SIMD vector (the padded last
/// block); lengths shorter than the kernel leave every output with missing taps.
/// </summary>
public class FusedCausalConvTests
{
    [Theory]
    [InlineData(4, 13, 50, true)]
    [InlineData(4, 13, 2, true)]
    [InlineData(3, 32, 17, false)]
    [InlineData(1, 8, 9, true)]
    [InlineData(6, 40, 5, true)]
    public void ValuesAndGradientsMatchTheGroupedConvolutionInFloat64(int kernel, long channels, long length, bool bias)
    {
        manual_seed(30);
        using var conv = new CausalConv1d(channels, kernel, bias).to(float64);
        var x = randn(3, length, channels, dtype: float64);                             // (B, T, C)
        var gradY = randn(3, length, channels, dtype: float64);

        var (fused, fusedGrads) = RunWithGradients(conv, x, gradY, conv.forward);
        var (reference, referenceGrads) = RunWithGradients(conv, x, gradY, conv.Grouped);

        AssertClose(reference, fused, 1e-12, "y");
        string[] names = bias ? ["dL/dx", "dL/dweight", "dL/dbias"] : ["dL/dx", "dL/dweight"];
        Assert.Equal(names.Length, fusedGrads.Length);
        for (var i = 0; i < names.Length; i++)
            AssertClose(referenceGrads[i], fusedGrads[i], 1e-12, names[i]);
    }

    [Fact]
    public void ValuesAndGradientsMatchTheGroupedConvolutionInFloat32()
    {
        manual_seed(31);
        using var conv = new CausalConv1d(channels: 128, kernel: 4);
        var x = randn(12, 64, 128);
        var gradY = randn(12, 64, 128);

        var (fused, fusedGrads) = RunWithGradients(conv, x, gradY, conv.forward);
        var (reference, referenceGrads) = RunWithGradients(conv, x, gradY, conv.Grouped);

        AssertClose(reference, fused, 1e-6, "y");
        AssertClose(referenceGrads[0], fusedGrads[0], 1e-6, "dL/dx");
        AssertClose(referenceGrads[1], fusedGrads[1], 1e-5, "dL/dweight");                // sums of 768 products
        AssertClose(referenceGrads[2], fusedGrads[2], 1e-5, "dL/dbias");
    }

    [Theory]
    [InlineData(4, 13, 50, true, 1e-10)]
    [InlineData(3, 32, 2, false, 1e-10)]
    [InlineData(4, 128, 64, true, 1e-5)]                                               // float32
    public void SiLUInsideTheKernelIsSiLUAfterTheGroupedConvolution(int kernel, long channels, long length, bool bias,
        double tolerance)
    {
        manual_seed(34);
        var dtype = tolerance < 1e-8 ? float64 : float32;
        using var conv = new CausalConv1d(channels, kernel, bias).to(dtype);
        var x = randn(4, length, channels, dtype: dtype) * 3;                          // SiLU's curved part and both tails
        var gradY = randn(4, length, channels, dtype: dtype);

        var (fused, fusedGrads) = RunWithGradients(conv, x, gradY, conv.ForwardWithSiLU);
        var (reference, referenceGrads) = RunWithGradients(conv, x, gradY, x => nn.functional.silu(conv.Grouped(x)));

        AssertClose(reference, fused, tolerance, "SiLU(y)");
        string[] names = bias ? ["dL/dx", "dL/dweight", "dL/dbias"] : ["dL/dx", "dL/dweight"];
        Assert.Equal(names.Length, fusedGrads.Length);
        for (var i = 0; i < names.Length; i++)
            AssertClose(referenceGrads[i], fusedGrads[i], tolerance, names[i]);
    }

    [Fact]
    public void ThreadCountDoesNotChangeTheResult()
    {
        manual_seed(32);
        using var conv = new CausalConv1d(channels: 72, kernel: 4);
        var x = randn(5, 30, 72);
        var gradY = randn(5, 30, 72);
        var threads = get_num_threads();
        try
        {
            set_num_threads(1);
            var (one, oneGrads) = RunWithGradients(conv, x, gradY, conv.forward);
            set_num_threads(3);
            var (three, threeGrads) = RunWithGradients(conv, x, gradY, conv.forward);

            Assert.True(one.equal(three).all().item<bool>());
            for (var i = 0; i < oneGrads.Length; i++)
                Assert.True(oneGrads[i].equal(threeGrads[i]).all().item<bool>());
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void ANonContiguousInputGivesTheSameResult()
    {
        manual_seed(33);
        using var conv = new CausalConv1d(channels: 11, kernel: 4).to(float64);
        var both = randn(2, 20, 22, dtype: float64);
        var half = both.chunk(2, dim: -1)[1];                                           // as Mamba's block passes it

        Assert.False(half.is_contiguous());
        Assert.True(conv.forward(half).equal(conv.forward(half.contiguous())).all().item<bool>());
    }

    [Fact]
    public void AnInputWithOtherChannelsIsLibtorchsErrorNotARead()
    {
        using var conv = new CausalConv1d(channels: 16, kernel: 4);

        var error = Assert.ThrowsAny<Exception>(() => conv.forward(randn(2, 5, 8)));   // 8 channels, not 16

        Assert.Contains("channels", error.Message);
    }

    // y and the gradients of <y, gradY> with respect to x, the weight and the bias (when there is one).
    private static (Tensor Y, Tensor[] Grads) RunWithGradients(CausalConv1d conv, Tensor x, Tensor gradY, Func<Tensor, Tensor> forward)
    {
        conv.zero_grad();
        var xLeaf = x.detach().requires_grad_(true);
        var y = forward(xLeaf);
        (y * gradY).sum().backward();
        var grads = new[] { xLeaf.grad! }.Concat(conv.parameters().Select(p => p.grad!)).Select(g => g.clone()).ToArray();
        return (y.detach(), grads);
    }

    // Largest error relative to the reference's scale, so that entries near zero do not dominate.
    private static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var error = (actual - expected).abs().max().to(float64).item<double>() / expected.abs().max().to(float64).item<double>();
        Assert.True(error < tolerance, $"{what}: max |fused − reference| / max |reference| = {error:E2} ≥ {tolerance:E0}");
    }
}
