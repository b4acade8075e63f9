using MinRnnLab.Models;
using static TorchSharp.torch;
using static MinRnnLab.Models.SelectiveScan;

namespace MinRnnLab.Models.Tests;

/// <summary>
/// The fused CPU selective scan (what <see cref="SelectiveScan.Parallel"/> runs on a CPU) against the per-timestep
/// autograd reference in float64 and the libtorch chunked scan in float32. 6 channels is less than one SIMD vector,
/// 37 a few blocks and a partial one, 72 more than one group of blocks (partial sums of dL/dB, dL/dC).
/// </summary>
public class FusedSelectiveScanTests
{
    private static readonly string[] Names = ["x", "delta", "A", "B", "C", "D"];

    private static Tensor[] RandomInputs(int seed, long batch, long length, long channels, long states, ScalarType dtype)
    {
        manual_seed(seed);
        return
        [
            randn(batch, length, channels, dtype: dtype),                               // x
            nn.functional.softplus(randn(batch, length, channels, dtype: dtype)),       // Δ > 0
            -exp(randn(channels, states, dtype: dtype)),                                // A < 0
            randn(batch, length, states, dtype: dtype),                                 // B
            randn(batch, length, states, dtype: dtype),                                 // C
            randn(channels, dtype: dtype),                                              // D
        ];
    }

    [Theory]
    [InlineData(6, 5, 4)]       // 13 steps = 3 full chunks + 1
    [InlineData(37, 16, 5)]
    [InlineData(72, 3, 64)]     // one chunk longer than the sequence
    public void ValuesAndGradientsMatchThePerTimestepReferenceInFloat64(long channels, long states, int chunk)
    {
        var inputs = RandomInputs(30, 2, 13, channels, states, float64);
        var weights = randn(2, 13, channels, dtype: float64);

        var (expected, expectedGrads) = ValueAndGradients(inputs, i => Reference(i[0], i[1], i[2], i[3], i[4], i[5]), weights);
        var (actual, actualGrads) = ValueAndGradients(inputs, i => Parallel(i[0], i[1], i[2], i[3], i[4], i[5], chunk), weights);

        AssertClose(expected, actual, 1e-10, "y");
        for (var i = 0; i < Names.Length; i++)
            AssertClose(expectedGrads[i], actualGrads[i], 1e-10, $"dL/d{Names[i]}");
    }

    [Fact]
    public void ValuesAndGradientsMatchTheChunkedLibtorchScanInFloat32()
    {
        var inputs = RandomInputs(31, 3, 200, 72, 16, float32);
        var weights = randn(3, 200, 72);

        var (expected, expectedGrads) = ValueAndGradients(inputs, i => Chunked(i[0], i[1], i[2], i[3], i[4], i[5]), weights);
        var (actual, actualGrads) = ValueAndGradients(inputs, i => Parallel(i[0], i[1], i[2], i[3], i[4], i[5]), weights);

        AssertClose(expected, actual, 1e-5, "y");
        for (var i = 0; i < Names.Length; i++)
            AssertClose(expectedGrads[i], actualGrads[i], 1e-5, $"dL/d{Names[i]}");
    }

    // Mamba hands the scan Δ before its softplus; the fused kernels take it at each load. Raw Δ from −30 (where
    // 1 + e^x rounds to 1 in float32) to 30, against libtorch's softplus followed by the reference scans.
    [Theory]
    [InlineData(ScalarType.Float64, 1e-10)]
    [InlineData(ScalarType.Float32, 1e-5)]
    public void SoftplusInsideTheScanIsSoftplusBeforeIt(ScalarType dtype, double tolerance)
    {
        var inputs = RandomInputs(36, 2, 40, 37, 16, dtype);
        inputs[1] = randn(2, 40, 37, dtype: dtype) * 3;
        inputs[1][0, 0, ..6] = tensor(new[] { -30.0, -20.0, -9.0, 0.0, 20.0, 30.0 }, dtype: dtype);
        var weights = randn(2, 40, 37, dtype: dtype);

        var (expected, expectedGrads) = ValueAndGradients(inputs, i => Chunked(i[0], Scalars.Softplus(i[1]), i[2], i[3], i[4], i[5], 8), weights);
        var (actual, actualGrads) = ValueAndGradients(inputs, i => ParallelWithSoftplus(i[0], i[1], i[2], i[3], i[4], i[5], 8), weights);

        AssertClose(expected, actual, tolerance, "y");
        for (var i = 0; i < Names.Length; i++)
            AssertClose(expectedGrads[i], actualGrads[i], tolerance, $"dL/d{Names[i]}");
    }

    // Mamba's output gate (y + D x) ⊙ SiLU(z) taken in the scan's store, against libtorch's ops after the scan; z from
    // −24 to 24 covers SiLU's flat tail, its dip and its linear side. 7 inputs: the scan's 6 and z.
    [Theory]
    [InlineData(ScalarType.Float64, 37L, 1e-10)]
    [InlineData(ScalarType.Float64, 6L, 1e-10)]
    [InlineData(ScalarType.Float32, 72L, 1e-5)]
    public void GateInsideTheScanIsTheGateAfterIt(ScalarType dtype, long channels, double tolerance)
    {
        var inputs = RandomInputs(37, 3, 40, channels, 16, dtype);
        inputs[1] = randn(3, 40, channels, dtype: dtype) * 3;                          // Δ before its softplus
        inputs = [.. inputs, randn(3, 40, channels, dtype: dtype) * 4];                 // z
        inputs[6][0, 0, ..4] = tensor(new[] { -24.0, -1.3, 0.0, 24.0 }, dtype: dtype);
        var weights = randn(3, 40, channels, dtype: dtype);

        var (expected, expectedGrads) = ValueAndGradients(inputs,
            i => Chunked(i[0], Scalars.Softplus(i[1]), i[2], i[3], i[4], i[5], 8) * nn.functional.silu(i[6]), weights);
        var (actual, actualGrads) = ValueAndGradients(inputs, i => ParallelGated(i[0], i[1], i[2], i[3], i[4], i[5], i[6], 8), weights);

        AssertClose(expected, actual, tolerance, "(y + D x) ⊙ SiLU(z)");
        string[] names = [.. Names, "z"];
        for (var i = 0; i < names.Length; i++)
            AssertClose(expectedGrads[i], actualGrads[i], tolerance, $"dL/d{names[i]}");
    }

    [Fact]
    public void AGateOfAnotherShapeIsRejectedBeforeTheKernelReadsIt()
    {
        var inputs = RandomInputs(38, 2, 9, 12, 4, float32);

        var error = Assert.Throws<ArgumentException>(() =>
            ParallelGated(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5], inputs[0][.., .., ..3]));

        Assert.Contains("[2, 9, 3]", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void ANaNInAnInputReachesTheOutput(int input)
    {
        var inputs = RandomInputs(34, 2, 9, 12, 4, float32);                            // so that divergence is seen
        inputs[input].view(-1)[5] = tensor(float.NaN);

        var y = Parallel(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5]);

        Assert.True(y.isnan().any().item<bool>(), $"a NaN in {Names[input]} vanished");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void MismatchedShapesAreRejectedBeforeTheKernelReadsThem(int input)
    {
        var inputs = RandomInputs(35, 2, 9, 12, 4, float32);
        inputs[input] = input is 2 or 5 ? inputs[input][..6] : inputs[input][.., .., ..3]; // one tensor too small

        var error = Assert.Throws<ArgumentException>(() => Parallel(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5]));

        Assert.Contains("x [2, 9, 12]", error.Message);
    }

    [Fact]
    public void ThreadCountDoesNotChangeTheResult()
    {
        var inputs = RandomInputs(32, 3, 40, 72, 16, float32);
        var weights = randn(3, 40, 72);
        var threads = get_num_threads();
        try
        {
            set_num_threads(1);
            var (one, oneGrads) = ValueAndGradients(inputs, i => Parallel(i[0], i[1], i[2], i[3], i[4], i[5], 8), weights);
            set_num_threads(3);
            var (three, threeGrads) = ValueAndGradients(inputs, i => Parallel(i[0], i[1], i[2], i[3], i[4], i[5], 8), weights);

            Assert.True(one.equal(three).all().item<bool>());
            for (var i = 0; i < Names.Length; i++)
                Assert.True(oneGrads[i].equal(threeGrads[i]).all().item<bool>(), $"dL/d{Names[i]} depends on the thread count");
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    private static (Tensor Y, Tensor[] Grads) ValueAndGradients(Tensor[] inputs, Func<Tensor[], Tensor> scan, Tensor weights)
    {
        var leaves = inputs.Select(t => t.detach().clone().requires_grad_(true)).ToArray();
        var y = scan(leaves);
        (y * weights).sum().backward();
        return (y.detach(), leaves.Select(l => l.grad!).ToArray());
    }

    // Largest error relative to the reference's scale, so that entries near zero do not dominate.
    private static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        var error = (actual - expected).abs().max().to(float64).item<double>() / expected.abs().max().to(float64).item<double>();
        Assert.True(error < tolerance, $"{what}: max |fused − reference| / max |reference| = {error:E2} ≥ {tolerance:E0}");
    }
}
