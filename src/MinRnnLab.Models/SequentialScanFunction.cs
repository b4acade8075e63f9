using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace MinRnnLab.Models;

/// <summary>
/// h_t = a_t ⊙ h_{t-1} + b_t run step by step in linear space, with a = exp(log_a), b = exp(log_b), as one
/// autograd node whose backward is the reverse recurrence δ_t = g_t + a_{t+1} ⊙ δ_{t+1} (δ = dL/dh_t in total,
/// g = the gradient arriving at h_t). Then dL/dlog_b_t = δ_t ⊙ b_t and dL/dlog_a_t = δ_t ⊙ a_t ⊙ h_{t-1}.
/// The recurrence never forms a product of many gates, so it cannot underflow the way a linear-space cumprod
/// can; a state too small for a float simply becomes 0, which is what exp(log h) gives too.
/// vars: log_a, log_b (B, T, D); log h_0 (B, 1, D) or null. Returns h (B, T, D).
/// </summary>
internal sealed class SequentialScanFunction : SingleTensorFunction<SequentialScanFunction>
{
    public override string Name => nameof(SequentialScanFunction);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (logA, logB, logH0) = ((Tensor)vars[0], (Tensor)vars[1], vars[2] as Tensor);
        // Time-major copies so that every step reads and writes one contiguous (B, D) slab.
        var a = logA.exp().transpose(0, 1).contiguous();                                 // (T, B, D)
        var b = logB.exp().transpose(0, 1).contiguous();                                 // (T, B, D)
        var h0 = logH0?.exp().squeeze(1);                                                // (B, D)
        var h = b.clone();                                                               // (T, B, D), h_t = b_t + …
        var length = a.shape[0];
        using (var _ = no_grad())
        using (var steps = NewDisposeScope())                                            // the T slice handles
        {
            if (h0 is not null)
                h[0].addcmul_(a[0], h0, Scalars.One);
            for (long t = 1; t < length; t++)
                h[t].addcmul_(a[t], h[t - 1], Scalars.One);                              // h_t += a_t ⊙ h_{t-1}
        }
        ctx.save_for_backward(h0 is null ? [a, b, h] : [a, b, h, h0]);
        return h.transpose(0, 1).contiguous();                                           // (B, T, D)
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor gradH)
    {
        var saved = ctx.get_saved_variables();
        var (a, b, h) = (saved[0], saved[1], saved[2]);
        var h0 = saved.Count > 3 ? saved[3] : null;
        // A fresh buffer, never a view of gradH: the loop below writes into it.
        var delta = empty_like(a).copy_(gradH.transpose(0, 1));                          // (T, B, D), δ_t = g_t + …
        var length = a.shape[0];
        using (var steps = NewDisposeScope())                                            // the T slice handles
        {
            for (var t = length - 2; t >= 0; t--)
                delta[t].addcmul_(a[t + 1], delta[t + 1], Scalars.One);                  // δ_t += a_{t+1} ⊙ δ_{t+1}
        }

        // h_{t-1} for every t: h_0 (or nothing) in front of h_0 … h_{T-2}.
        var hPrev = h0 is null
            ? nn.functional.pad(h.narrow(0, 0, length - 1), [0, 0, 0, 0, 1, 0])                               // (T, B, D), zero start
            : cat([h0.unsqueeze(0), h.narrow(0, 0, length - 1)], 0);                                   // (T, B, D)
        var gradLogA = (delta * a * hPrev).transpose(0, 1);                              // (B, T, D)
        var gradLogB = (delta * b).transpose(0, 1);                                      // (B, T, D)
        // d log h_0: the gradient into h_0 is a_0 ⊙ δ_0, times h_0 for the log.
        var gradLogH0 = h0 is null ? null : (delta[0] * a[0] * h0).unsqueeze(1);        // (B, 1, D)
        return [gradLogA, gradLogB, gradLogH0!];
    }
}
