using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

/// <summary>
/// The fused CPU minGRU / minLSTM kernel against the log-space scan it replaces on CPUs. Widths 13 and 80 are not
/// multiples of a SIMD vector (the padded last block), and B·H = 39 / 320 puts the reference on its parallel and
/// its step-by-step path respectively.
/// </summary>
public class FusedMinRnnTests
{
    private static Tensor Reference(Tensor k, Tensor? h0, int gates) =>
        gates == FusedMinRnn.MinGruGates ? MinGru.LogSpace(k, h0) : MinLstm.LogSpace(k, h0);

    [Theory]
    [InlineData(FusedMinRnn.MinGruGates, 3, 13, false)]
    [InlineData(FusedMinRnn.MinGruGates, 3, 13, true)]
    [InlineData(FusedMinRnn.MinGruGates, 4, 80, true)]
    [InlineData(FusedMinRnn.MinLstmGates, 3, 13, false)]
    [InlineData(FusedMinRnn.MinLstmGates, 3, 13, true)]
    [InlineData(FusedMinRnn.MinLstmGates, 4, 80, true)]
    public void ValuesAndGradientsMatchTheLogSpaceScanInFloat64(int gates, long batch, long hidden, bool withH0)
    {
        manual_seed(20);
        var k = randn(batch, 300, (gates + 1) * hidden, dtype: float64) * 3;           // (B, T, (gates+1)·H)
        var h0 = withH0 ? rand(batch, hidden, dtype: float64) + 0.1 : null;            // positive, (B, H)
        var gradH = randn(batch, 300, hidden, dtype: float64);                          // an arbitrary dL/dh

        var (fused, fusedGrads) = RunWithGradients(k, h0, gradH, (kk, hh) => FusedMinRnn.Scan(kk, hh, gates));
        var (reference, referenceGrads) = RunWithGradients(k, h0, gradH, (kk, hh) => Reference(kk, hh, gates));

        AssertClose(reference, fused, 1e-10, "h");
        for (var i = 0; i < referenceGrads.Length; i++)
            AssertClose(referenceGrads[i], fusedGrads[i], 1e-10, i == 0 ? "dL/dk" : "dL/dh0");
    }

    [Theory]
    [InlineData(FusedMinRnn.MinGruGates)]
    [InlineData(FusedMinRnn.MinLstmGates)]
    public void ValuesAndGradientsMatchTheLogSpaceScanInFloat32(int gates)
    {
        manual_seed(21);
        var k = randn(4, 512, (gates + 1) * 64) * 3;                                     // (B, T, (gates+1)·H)
        var h0 = rand(4, 64) + 0.1;
        var gradH = randn(4, 512, 64);

        var (fused, fusedGrads) = RunWithGradients(k, h0, gradH, (kk, hh) => FusedMinRnn.Scan(kk, hh, gates));
        var (reference, referenceGrads) = RunWithGradients(k, h0, gradH, (kk, hh) => Reference(kk, hh, gates));

        AssertClose(reference, fused, 1e-5, "h");
        AssertClose(referenceGrads[0], fusedGrads[0], 1e-5, "dL/dk");
        AssertClose(referenceGrads[1], fusedGrads[1], 1e-5, "dL/dh0");
    }

    [Theory]
    [InlineData(FusedMinRnn.MinGruGates)]
    [InlineData(FusedMinRnn.MinLstmGates)]
    public void SaturatedGatesStayExactAndFinite(int gates)
    {
        manual_seed(22);
        var k = randn(2, 256, (gates + 1) * 9, dtype: float64) * 200;                   // σ saturates both ways

        var (fused, grads) = RunWithGradients(k, null, ones(2, 256, 9, dtype: float64), (kk, hh) => FusedMinRnn.Scan(kk, hh, gates));
        var (reference, referenceGrads) = RunWithGradients(k, null, ones(2, 256, 9, dtype: float64), (kk, hh) => Reference(kk, hh, gates));

        Assert.True(fused.isfinite().all().item<bool>() && grads[0].isfinite().all().item<bool>());
        AssertClose(reference, fused, 1e-10, "h");
        AssertClose(referenceGrads[0], grads[0], 1e-10, "dL/dk");
    }

    [Theory]
    [InlineData(FusedMinRnn.MinGruGates, 0)]
    [InlineData(FusedMinRnn.MinGruGates, 1)]
    [InlineData(FusedMinRnn.MinLstmGates, 0)]
    [InlineData(FusedMinRnn.MinLstmGates, 1)]
    [InlineData(FusedMinRnn.MinLstmGates, 2)]
    public void ANaNPreActivationReachesTheOutput(int gates, int part)
    {
        var k = randn(2, 5, (gates + 1) * 8);                                           // float32, where Exp is our own
        k[0, 2, part * 8 + 3] = tensor(float.NaN);

        var h = FusedMinRnn.Scan(k, null, gates);

        Assert.True(h[0, 2, 3].isnan().item<bool>(), "a NaN pre-activation vanished, which would hide a diverged run");
    }

    [Fact]
    public void ThreadCountDoesNotChangeTheResult()
    {
        manual_seed(23);
        var k = randn(5, 64, 2 * 40);
        var gradH = randn(5, 64, 40);
        var threads = get_num_threads();
        try
        {
            set_num_threads(1);
            var (one, oneGrads) = RunWithGradients(k, null, gradH, (kk, hh) => FusedMinRnn.Scan(kk, hh, FusedMinRnn.MinGruGates));
            set_num_threads(3);
            var (three, threeGrads) = RunWithGradients(k, null, gradH, (kk, hh) => FusedMinRnn.Scan(kk, hh, FusedMinRnn.MinGruGates));

            Assert.True(one.equal(three).all().item<bool>());
            Assert.True(oneGrads[0].equal(threeGrads[0]).all().item<bool>());
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void NonContiguousInputsGiveTheSameResult()
    {
        manual_seed(24);
        var k = randn(3, 20, 2 * 11, dtype: float64);
        var transposed = k.transpose(0, 1).contiguous().transpose(0, 1);                // same values, other strides
        var h0 = rand(11, 3, dtype: float64).t() + 0.1;                                 // (B, H), non-contiguous

        var expected = FusedMinRnn.Scan(k, h0.contiguous(), FusedMinRnn.MinGruGates);
        var actual = FusedMinRnn.Scan(transposed, h0, FusedMinRnn.MinGruGates);

        Assert.False(transposed.is_contiguous() || h0.is_contiguous());
        Assert.True(expected.equal(actual).all().item<bool>());
    }

    [Fact]
    public void AContiguousViewIsReadFromItsOwnFirstElement()
    {
        manual_seed(25);
        var view = randn(3, 10, 2 * 8)[1..];                                            // contiguous, storage offset 160

        var fromView = FusedMinRnn.Scan(view, null, FusedMinRnn.MinGruGates);
        var fromCopy = FusedMinRnn.Scan(view.clone(), null, FusedMinRnn.MinGruGates);

        Assert.True(view.is_contiguous() && view.storage_offset() > 0);
        Assert.True(fromView.equal(fromCopy).all().item<bool>());
    }

    [Fact]
    public void BadShapesAreRejectedWithTheirShape()
    {
        var error = Assert.Throws<ArgumentException>(() => FusedMinRnn.Scan(zeros(2, 5, 7), null, FusedMinRnn.MinGruGates));
        Assert.Contains("[2, 5, 7]", error.Message);
        var h0Error = Assert.Throws<ArgumentException>(() => FusedMinRnn.Scan(zeros(2, 5, 8), ones(3, 4), FusedMinRnn.MinGruGates));
        Assert.Contains("[2, 4]", h0Error.Message);
    }

    // h and the gradients of <h, gradH> with respect to k (and h_0, when given).
    private static (Tensor H, Tensor[] Grads) RunWithGradients(Tensor k, Tensor? h0, Tensor gradH, Func<Tensor, Tensor?, Tensor> scan)
    {
        var kLeaf = k.detach().requires_grad_(true);
        var h0Leaf = h0?.detach().requires_grad_(true);
        var h = scan(kLeaf, h0Leaf);
        (h * gradH).sum().backward();
        var grads = h0Leaf is null ? new[] { kLeaf.grad!.clone() } : [kLeaf.grad!.clone(), h0Leaf.grad!.clone()];
        return (h.detach(), grads);
    }

    // Largest error relative to the reference's scale, so that entries near zero do not dominate.
    private static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        var error = (actual - expected).abs().max().to(float64).item<double>() / expected.abs().max().to(float64).item<double>();
        Assert.True(error < tolerance, $"{what}: max |fused − reference| / max |reference| = {error:E2} ≥ {tolerance:E0}");
    }
}
