using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

/// <summary>
/// The one-kernel attention weights (<see cref="CausalSoftmaxDropoutFunction"/>) against the same steps written out
/// with libtorch ops and <see cref="FusedDropout"/>: values and the scores' gradient, against a float64 reference. A
/// length of 13 leaves a partial SIMD vector at the end of every row.
/// </summary>
public class CausalSoftmaxDropoutTests
{
    private const double Alpha = 0.3, P = 0.25;
    private const long Seed = 9;

    [Fact]
    public void WeightsAndGradientsMatchTheWrittenOutStepsInFloat64()
    {
        manual_seed(40);
        var scores = randn(2, 3, 13, 13, requires_grad: true);
        using var gradDropped = randn(2, 3, 13, 13);
        var reference = scores.detach().to(float64).requires_grad_();

        using var fused = CausalSoftmaxDropoutFunction.apply(scores, Alpha, P, Seed);
        fused.backward([gradDropped]);
        using var written = WrittenOut(reference);
        written.backward([gradDropped.to(float64)]);

        AssertClose(written, fused, "D");
        AssertClose(reference.grad!, scores.grad!, "dL/dS");
    }

    [Fact]
    public void TheFutureIsZeroAndEveryRowSumsToOneBeforeDropout()
    {
        manual_seed(41);
        var scores = randn(2, 3, 13, 13, requires_grad: true);

        using var kept = CausalSoftmaxDropoutFunction.apply(scores, Alpha, 0.0, Seed);  // p = 0: the weights themselves
        kept.sum().backward();

        using var future = ones(13, 13, dtype: ScalarType.Bool).triu(1);
        Assert.True(kept.masked_select(future).eq(0).all().item<bool>());
        Assert.True(kept.sum(-1).allclose(ones(2, 3, 13), rtol: 0, atol: 1e-5));
        Assert.True(scores.grad!.masked_select(future).eq(0).all().item<bool>());
    }

    [Fact]
    public void ThreadCountDoesNotChangeTheResult()
    {
        manual_seed(42);
        using var scores = randn(4, 6, 40, 40);
        var threads = get_num_threads();
        try
        {
            set_num_threads(1);
            using var one = CausalSoftmaxDropoutFunction.apply(scores, Alpha, P, Seed);
            set_num_threads(3);
            using var three = CausalSoftmaxDropoutFunction.apply(scores, Alpha, P, Seed);

            Assert.True(one.equal(three).all().item<bool>());
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void ANaNScoreReachesItsRow()
    {
        using var scores = zeros(1, 1, 13, 13);
        scores[0, 0, 5, 2] = tensor(float.NaN);

        using var dropped = CausalSoftmaxDropoutFunction.apply(scores, Alpha, 0.0, Seed);

        Assert.True(dropped[0, 0, 5, ..6].isnan().all().item<bool>());
        Assert.False(dropped[0, 0, 4].isnan().any().item<bool>());
    }

    // dropout(softmax(α·S with the future masked)), with the hashed mask of the same seed.
    private static Tensor WrittenOut(Tensor scores)
    {
        var t = scores.shape[^1];
        using var future = ones(t, t, dtype: ScalarType.Bool).triu(1);
        var weights = nn.functional.softmax((scores * Alpha).masked_fill(future, double.NegativeInfinity), -1);
        return FusedDropout.Apply(weights, P, Seed);
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        var difference = (actual.to(float64) - expected.to(float64)).abs().max().item<double>();
        Assert.True(difference < 1e-5, $"{what}: max |Δ| {difference}");
    }
}
