using MinRnnLab.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models.Tests;

public class RnnBaselineTests
{
    [Fact]
    public void LstmLoopEqualsFusedLstmGivenTheSameWeights()
    {
        manual_seed(20);
        using var loop = new LstmLoop(6, 10);
        using var fused = new FusedLstm(6, 10);
        var (weightIh, weightHh, bias) = loop.Weights;
        using (no_grad())
        {
            var p = fused.named_parameters().ToDictionary(kv => kv.name, kv => kv.parameter);
            p["lstm.weight_ih_l0"].copy_(weightIh);
            p["lstm.weight_hh_l0"].copy_(weightHh);
            p["lstm.bias_ih_l0"].copy_(bias);
            p["lstm.bias_hh_l0"].zero_();                                               // its two biases add up to ours
        }
        var x = randn(3, 40, 6);

        var expected = fused.forward(x);
        var actual = loop.forward(x);

        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void GruLoopStepFollowsThePaperEquations()
    {
        manual_seed(21);
        using var gru = new GruLoop(5, 7);
        var x = randn(2, 1, 5);
        var h0 = randn(2, 7);                                                           // nonzero so r matters
        var p = gru.named_parameters().ToDictionary(kv => kv.name, kv => kv.parameter);
        var wx = p["x_proj.weight"].chunk(3, 0);
        var bx = p["x_proj.bias"].chunk(3, 0);
        var wh = p["h_gates.weight"].chunk(2, 0);
        Tensor W(Tensor w, Tensor v) => matmul(v, w.t());

        var z = functional.sigmoid(W(wx[0], x[.., 0]) + bx[0] + W(wh[0], h0));
        var r = functional.sigmoid(W(wx[1], x[.., 0]) + bx[1] + W(wh[1], h0));
        var hTilde = tanh(W(wx[2], x[.., 0]) + bx[2] + W(p["h_cand.weight"], r * h0));
        var expected = (1 - z) * h0 + z * hTilde;

        Assert.True(gru.forward(x, h0)[.., 0].allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void GruLoopBackpropagatesThroughTime()
    {
        manual_seed(22);
        using var gru = new GruLoop(4, 6);
        var x = randn(2, 30, 4).requires_grad_();

        gru.forward(x)[.., -1].sum().backward();

        // The last output depends on the first input only through the recurrence.
        Assert.True(x.grad![.., 0].abs().sum().item<float>() > 0);
        Assert.All(gru.parameters(), q => Assert.True(q.grad!.isfinite().all().item<bool>()));
    }
}
