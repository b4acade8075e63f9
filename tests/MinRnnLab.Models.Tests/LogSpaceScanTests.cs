using MinRnnLab.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models.Tests;

public class LogSpaceScanTests
{
    // h_t = a_t h_{t-1} + b_t step by step, in float64 so it can serve as the truth.
    private static Tensor SequentialScan(Tensor a, Tensor b, Tensor? h0)
    {
        var h = h0 ?? zeros_like(a[.., 0]);
        var steps = new List<Tensor>();
        for (var t = 0; t < a.shape[1]; t++)
        {
            h = a[.., t] * h + b[.., t];
            steps.Add(h);
        }
        return stack(steps, dim: 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScanEqualsTheSequentialRecurrence(bool withH0)
    {
        manual_seed(3);
        var a = rand(2, 100, 5, dtype: float64);                                        // (B, T, D) in (0, 1)
        var b = rand(2, 100, 5, dtype: float64) + 0.01;
        var h0 = withH0 ? rand(2, 5, dtype: float64) + 0.1 : null;

        var parallel = LogSpaceScan.Scan(a.log(), b.log(), h0?.log().unsqueeze(1)).exp();

        Assert.True(parallel.allclose(SequentialScan(a, b, h0), rtol: 1e-9, atol: 1e-9));
    }

    [Theory]
    [InlineData(false, 150, 32)]
    [InlineData(true, 150, 32)]
    [InlineData(true, 128, 16)]
    public void ChunkedScanEqualsNaiveScanAlsoWhenTheLengthIsNotAMultipleOfTheChunk(bool withH0, int t, int chunk)
    {
        manual_seed(4);
        var logA = -functional.softplus(randn(2, t, 6, dtype: float64));
        var logB = randn(2, t, 6, dtype: float64);
        var logH0 = withH0 ? randn(2, 1, 6, dtype: float64) : null;

        var chunked = LogSpaceScan.ScanChunked(logA, logB, logH0, chunk);

        Assert.Equal(new long[] { 2, t, 6 }, chunked.shape);
        Assert.True(chunked.allclose(LogSpaceScan.ScanNaive(logA, logB, logH0), rtol: 1e-9, atol: 1e-9));
    }

    [Fact]
    public void ChunkedScanGradientsEqualNaiveScanGradients()
    {
        manual_seed(5);
        var logA = (-functional.softplus(randn(2, 70, 3, dtype: float64))).requires_grad_();
        var logB = randn(2, 70, 3, dtype: float64).requires_grad_();

        LogSpaceScan.ScanNaive(logA, logB).exp().sum().backward();
        var (naiveA, naiveB) = (logA.grad!.clone(), logB.grad!.clone());
        logA.grad!.zero_();
        logB.grad!.zero_();
        LogSpaceScan.ScanChunked(logA, logB, chunk: 16).exp().sum().backward();

        Assert.True(logA.grad!.allclose(naiveA, rtol: 1e-9, atol: 1e-9));
        Assert.True(logB.grad!.allclose(naiveB, rtol: 1e-9, atol: 1e-9));
    }

    [Fact]
    public void LogGIsTheLogOfGOnBothSidesOfZero()
    {
        var x = linspace(-30, 30, 601, dtype: float64);

        var logG = LogSpaceScan.LogG(x);

        // softplus returns its input above 20, so below x = −20 log_g is off by at most e^−20 ≈ 2e-9.
        Assert.True(logG.allclose(LogSpaceScan.G(x).log(), rtol: 0, atol: 1e-8));
        Assert.True((LogSpaceScan.G(x) > 0).all().item<bool>());
    }
}
