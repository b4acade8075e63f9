using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

/// <summary>
/// The hashed dropout mask (<see cref="FusedDropout"/>): kept with probability 1 − p, scaled by 1 / (1 − p), a
/// function of the seed alone (not of the thread count, the dtype or what else draws), independent from element to
/// element and from seed to seed, and the same mask in the backward pass. 200,003 elements span several work items
/// and end in a partial SIMD vector.
/// </summary>
public class FusedDropoutTests
{
    private const long Count = 200_003;
    private const double P = 0.2;

    [Fact]
    public void ElementsAreKeptWithProbabilityOneMinusPAndScaled()
    {
        using var y = FusedDropout.Apply(ones(Count), P, seed: 11);
        var values = y.data<float>().ToArray();

        var kept = values.Count(v => v != 0) / (double)Count;
        var sigma = Math.Sqrt(P * (1 - P) / Count);
        Assert.InRange(kept, 1 - P - 5 * sigma, 1 - P + 5 * sigma);
        Assert.All(values.Where(v => v != 0), v => Assert.Equal((float)(1 / (1 - P)), v));
    }

    [Fact]
    public void NeighbouringElementsAndNeighbouringSeedsAreIndependent()
    {
        var a = Kept(seed: 11);
        var b = Kept(seed: 12);
        var sigma = Math.Sqrt((1 - P) * (1 - P) * (1 - (1 - P) * (1 - P)) / Count);

        var bothNeighbours = Enumerable.Range(0, (int)Count - 1).Count(i => a[i] && a[i + 1]) / (double)(Count - 1);
        var bothSeeds = Enumerable.Range(0, (int)Count).Count(i => a[i] && b[i]) / (double)Count;

        Assert.InRange(bothNeighbours, (1 - P) * (1 - P) - 5 * sigma, (1 - P) * (1 - P) + 5 * sigma);
        Assert.InRange(bothSeeds, (1 - P) * (1 - P) - 5 * sigma, (1 - P) * (1 - P) + 5 * sigma);
    }

    [Fact]
    public void TheMaskDependsOnTheSeedAloneNotOnThreadsOrDtype()
    {
        var threads = get_num_threads();
        try
        {
            set_num_threads(1);
            var one = Kept(seed: 11);
            set_num_threads(3);
            var three = Kept(seed: 11);
            using var y64 = FusedDropout.Apply(ones(Count, dtype: float64), P, seed: 11);

            Assert.Equal(one, three);
            Assert.Equal(one, y64.data<double>().ToArray().Select(v => v != 0));
            Assert.NotEqual(one, Kept(seed: 12));
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void TheBackwardPassUsesTheForwardMask()
    {
        manual_seed(3);
        var x = randn(Count, requires_grad: true);
        using var gradY = randn(Count);

        using var y = FusedDropout.Apply(x, P, seed: 11);
        y.backward([gradY]);

        using var mask = FusedDropout.Apply(ones(Count), P, seed: 11);                   // keep / (1 − p)
        Assert.True(x.grad!.equal(gradY * mask).all().item<bool>());
        Assert.True(y.equal(x.detach() * mask).all().item<bool>());
    }

    [Fact]
    public void ANonContiguousInputIsMaskedInItsContiguousOrder()
    {
        manual_seed(4);
        using var x = randn(40, 30);

        using var fromTransposed = FusedDropout.Apply(x.t(), P, seed: 11);
        using var fromCopy = FusedDropout.Apply(x.t().contiguous(), P, seed: 11);

        Assert.True(fromTransposed.equal(fromCopy).all().item<bool>());
    }

    [Fact]
    public void ADroppedNaNStaysNaNAsInLibtorch()
    {
        using var y = FusedDropout.Apply(full(100, float.NaN), P, seed: 11);

        Assert.All(y.data<float>().ToArray(), v => Assert.True(float.IsNaN(v)));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void AProbabilityOutsideZeroToOneIsRejected(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FusedDropout.Apply(ones(4), p, seed: 1));

    [Fact]
    public void AnIntegerTensorIsRejected() =>
        Assert.Throws<ArgumentException>(() => FusedDropout.Apply(ones(4, dtype: int64), P, seed: 1));

    private static bool[] Kept(long seed)
    {
        using var y = FusedDropout.Apply(ones(Count), P, seed);
        return y.data<float>().ToArray().Select(v => v != 0).ToArray();
    }
}
