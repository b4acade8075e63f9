using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

/// <summary>
/// The tiled attention with dropout (<see cref="FlashAttentionFunction"/>) against the attention written out with
/// libtorch ops and <see cref="FusedDropout"/> on the full weights in float64: values and all three gradients within
/// 1e-5 of the reference's scale. 3 × 5 heads of length 150 make two groups of heads (13 fit a tile at this length),
/// three query tiles, the last one partial, and rows whose visible keys end inside a SIMD vector.
/// </summary>
public class FlashAttentionTests
{
    private const double P = 0.2;
    private const long Seed = 11;

    [Fact]
    public void ValuesAndGradientsMatchTheWrittenOutAttentionInFloat64()
    {
        manual_seed(50);
        var (q, k, v) = Inputs(3, 5, 150, 16);
        using var gradOutput = randn(3, 5, 150, 16);
        var (q64, k64, v64) = (Float64(q), Float64(k), Float64(v));
        Assert.True(FlashAttention.HeadsPerTile(150) is > 1 and < 15, "the shape should split the heads into groups");

        using var tiled = FlashAttentionFunction.apply(q, k, v, P, Seed);
        tiled.backward([gradOutput]);
        using var written = CausalSelfAttention.Attention(q64, k64, v64, weights => FusedDropout.Apply(weights, P, Seed));
        written.backward([gradOutput.to(float64)]);

        AssertClose(written, tiled, "O");
        AssertClose(q64.grad!, q.grad!, "dL/dq");
        AssertClose(k64.grad!, k.grad!, "dL/dk");
        AssertClose(v64.grad!, v.grad!, "dL/dv");
    }

    [Fact]
    public void WithoutDropoutItIsLibtorchsAttention()
    {
        manual_seed(51);
        var (q, k, v) = Inputs(2, 3, 70, 8);

        using var tiled = FlashAttentionFunction.apply(q, k, v, 0.0, Seed);
        using var libtorch = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);

        AssertClose(libtorch, tiled, "O");
    }

    [Fact]
    public void TheFutureIsExactlyZero()
    {
        manual_seed(52);
        var (q, k, v) = Inputs(2, 3, 130, 8);
        const int query = 70;                                                           // in the second query tile

        using var output = FlashAttentionFunction.apply(q, k, v, P, Seed);
        output[.., .., query].sum().backward();
        using var futureK = k.detach().clone();
        using var futureV = v.detach().clone();
        futureK[.., .., (query + 1)..] = randn(2, 3, 130 - query - 1, 8);
        futureV[.., .., (query + 1)..] = randn(2, 3, 130 - query - 1, 8);
        using var again = FlashAttentionFunction.apply(q.detach(), futureK, futureV, P, Seed);

        Assert.True(k.grad![.., .., (query + 1)..].eq(0).all().item<bool>(), "a later key has a gradient");
        Assert.True(v.grad![.., .., (query + 1)..].eq(0).all().item<bool>(), "a later value has a gradient");
        Assert.True(again[.., .., ..(query + 1)].equal(output[.., .., ..(query + 1)].detach()).all().item<bool>(),
            "changing later keys and values changed an earlier output");
    }

    [Fact]
    public void ThreadCountDoesNotChangeTheResult()
    {
        manual_seed(53);
        var (q, k, v) = Inputs(4, 8, 100, 16);                                         // two groups of heads
        var threads = get_num_threads();
        try
        {
            set_num_threads(1);
            using var one = FlashAttentionFunction.apply(q, k, v, P, Seed);
            set_num_threads(3);
            using var three = FlashAttentionFunction.apply(q, k, v, P, Seed);

            Assert.True(one.equal(three).all().item<bool>());
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void ANaNQueryReachesItsOutputAndNoOther()
    {
        using var q = zeros(1, 1, 20, 8);
        using var k = ones(1, 1, 20, 8);
        using var v = ones(1, 1, 20, 8);
        q[0, 0, 5, 2] = tensor(float.NaN);

        using var output = FlashAttentionFunction.apply(q, k, v, 0.0, Seed);

        Assert.True(output[0, 0, 5].isnan().all().item<bool>());
        Assert.False(output[0, 0, 4].isnan().any().item<bool>());
        Assert.False(output[0, 0, 6].isnan().any().item<bool>());
    }

    private static (Tensor Q, Tensor K, Tensor V) Inputs(long b, long h, long t, long hs) =>
        (randn(b, h, t, hs, requires_grad: true), randn(b, h, t, hs, requires_grad: true), randn(b, h, t, hs, requires_grad: true));

    private static Tensor Float64(Tensor x) => x.detach().to(float64).requires_grad_();

    // max |actual − expected| within 1e-5 of max |expected|: float32's relative error, on the tensor's scale.
    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        var scale = expected.to(float64).abs().max().item<double>();
        var difference = (actual.to(float64) - expected.to(float64)).abs().max().item<double>();
        Assert.True(difference <= 1e-5 * scale, $"{what}: max |Δ| {difference} against max |expected| {scale}");
    }
}
