using MinRnnLab.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models.Tests;

public class SequentialScanTests
{
    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 3)]
    [InlineData(true, 3)]
    public void SequentialScanMatchesTheRecurrenceThroughAutogradInValuesAndGradients(bool withH0, int batch)
    {
        manual_seed(21);
        var logA = (-functional.softplus(randn(batch, 90, 5, dtype: float64) * 3)).requires_grad_();
        var logB = (randn(batch, 90, 5, dtype: float64) * 3).requires_grad_();
        var logH0 = withH0 ? randn(batch, 1, 5, dtype: float64).requires_grad_() : null;
        var weights = randn(batch, 90, 5, dtype: float64);                              // a non-uniform upstream gradient

        // Truth is plain autograd through the recurrence: the log-space scan itself differs from it by up to 80%
        // (relative) on the tiniest entries here, as its a* cancels.
        var naive = Reference(logA, logB, logH0);
        (naive * weights).sum().backward();
        var expected = new[] { logA.grad!.clone(), logB.grad!.clone(), logH0?.grad!.clone() };
        foreach (var leaf in new[] { logA, logB, logH0 })
            leaf?.grad!.zero_();
        var sequential = LogSpaceScan.ScanSequential(logA, logB, logH0);
        (sequential * weights).sum().backward();

        AssertClose(naive, sequential, "h");
        AssertClose(expected[0]!, logA.grad!, "dlogA");
        AssertClose(expected[1]!, logB.grad!, "dlogB");
        if (withH0)
            AssertClose(expected[2]!, logH0!.grad!, "dlogH0");
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        var error = ((actual - expected).abs() / (expected.abs() + 1e-12)).max().item<double>();
        Assert.True(error < 1e-9, $"{what}: max relative error {error}");
    }

    // The recurrence through plain autograd, in float64: the truth for values and gradients alike.
    private static Tensor Reference(Tensor logA, Tensor logB, Tensor? logH0)
    {
        var (a, b) = (logA.exp(), logB.exp());
        var h = logH0 is null ? zeros_like(a[.., 0]) : logH0.exp().squeeze(1);
        var steps = new List<Tensor>();
        for (var t = 0; t < a.shape[1]; t++)
        {
            h = a[.., t] * h + b[.., t];
            steps.Add(h);
        }
        return stack(steps, dim: 1);
    }

    [Fact]
    public void UpstreamGradientIsNotOverwrittenWhenItIsAlreadyTimeMajorContiguous()
    {
        // B = 1 makes (B, T, D) → (T, B, D) a free view, the case where the backward could write into its input.
        manual_seed(22);
        var logA = (-functional.softplus(randn(1, 20, 3, dtype: float64))).requires_grad_();
        var logB = randn(1, 20, 3, dtype: float64).requires_grad_();
        var h = LogSpaceScan.ScanSequential(logA, logB);
        var upstream = randn(1, 20, 3, dtype: float64);
        var kept = upstream.clone();

        h.backward([upstream]);

        Assert.True(upstream.allclose(kept, rtol: 0, atol: 0));
    }

    [Theory]
    [InlineData("mingru")]
    [InlineData("minlstm")]
    public void WideCellsTakeTheSequentialScanAndStillMatchTheirStepMode(string kind)
    {
        manual_seed(23);
        const int width = 128;                                                          // B·D = 256: sequential path
        using var module = kind == "mingru" ? (Module<Tensor, Tensor>)new MinGru(8, width) : new MinLstm(8, width);
        var cell = (IMinRnnCell)module;
        var x = randn(2, 300, 8);                                                       // (B, T, d_x)
        var h0 = rand(2, width) + 0.1;
        using var _ = no_grad();

        var parallel = cell.forward(x, h0);
        var h = h0;
        var steps = new List<Tensor>();
        for (var t = 0; t < 300; t++)
        {
            h = cell.Step(x[.., t], h);
            steps.Add(h);
        }

        var maxError = (parallel - stack(steps, dim: 1)).abs().max().item<float>();
        Assert.True(maxError < 1e-4, $"max |scan − step| = {maxError}");
    }
}
