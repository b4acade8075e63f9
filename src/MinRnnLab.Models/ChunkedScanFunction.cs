using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace MinRnnLab.Models;

/// <summary>
/// Autograd node for <see cref="SelectiveScan.Parallel"/> that trades compute for memory, since TorchSharp has
/// no torch.utils.checkpoint. Forward runs the chunks without a graph and keeps only each chunk's starting
/// state (B, L/Lc, D, N). Backward walks the chunks last to first, rebuilds one chunk's graph at a time from
/// its saved starting state, and back-propagates into it with the gradient flowing in from the later chunks,
/// so only one chunk's (B, Lc, D, N) activations are ever live.
/// vars: x, Δ (B, L, D); A (D, N); B, C (B, L, N); chunk length (int).
/// </summary>
internal sealed class ChunkedScanFunction : SingleTensorFunction<ChunkedScanFunction>
{
    public override string Name => nameof(ChunkedScanFunction);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (x, delta, a, b, c) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (Tensor)vars[3], (Tensor)vars[4]);
        var chunk = (int)vars[5];
        var length = x.shape[1];
        var h = zeros(x.shape[0], x.shape[2], a.shape[1], dtype: x.dtype, device: x.device); // (B, D, N)
        var starts = new List<Tensor>();
        var ys = new List<Tensor>();
        for (long start = 0; start < length; start += chunk)
        {
            starts.Add(h);
            using var scope = NewDisposeScope();
            var len = Math.Min(chunk, length - start);
            var (y, next) = SelectiveScan.Chunk(x.narrow(1, start, len), delta.narrow(1, start, len), a,
                b.narrow(1, start, len), c.narrow(1, start, len), h);
            ys.Add(y.MoveToOuterDisposeScope());                                        // (B, Lc, D)
            h = next.MoveToOuterDisposeScope();                                         // (B, D, N)
        }
        var output = cat(ys, dim: 1);                                                   // (B, L, D)
        var startStates = stack(starts, dim: 1);                                        // (B, L/Lc, D, N)
        ys.ForEach(t => t.Dispose());
        starts.ForEach(t => t.Dispose());
        h.Dispose();
        ctx.save_for_backward([x, delta, a, b, c, startStates]);
        ctx.save_data("chunk", chunk);
        return output;
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor gradY)
    {
        var saved = ctx.get_saved_variables();
        var (x, delta, a, b, c, startStates) = (saved[0], saved[1], saved[2], saved[3], saved[4], saved[5]);
        var chunk = (int)ctx.get_data("chunk");
        var length = x.shape[1];
        var chunks = startStates.shape[1];

        var gradH = zeros_like(startStates.select(1, 0));                               // (B, D, N) from later chunks
        var gradA = zeros_like(a);                                                      // (D, N), summed over chunks
        var (gx, gDelta, gb, gc) = (new Tensor[chunks], new Tensor[chunks], new Tensor[chunks], new Tensor[chunks]);
        for (var k = chunks - 1; k >= 0; k--)
        {
            using var scope = NewDisposeScope();
            using var gradMode = enable_grad();                                             // backward runs with grad off
            long start = k * (long)chunk, len = Math.Min(chunk, length - start);
            Tensor Leaf(Tensor t) => t.detach().requires_grad_(true);
            var inputs = new[]
            {
                Leaf(x.narrow(1, start, len)), Leaf(delta.narrow(1, start, len)), Leaf(a),
                Leaf(b.narrow(1, start, len)), Leaf(c.narrow(1, start, len)), Leaf(startStates.select(1, k)),
            };
            var (y, h) = SelectiveScan.Chunk(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5]);
            var grads = ChunkVjp(y, h, inputs, gradY.narrow(1, start, len), gradH);
            gx[k] = grads[0].MoveToOuterDisposeScope();
            gDelta[k] = grads[1].MoveToOuterDisposeScope();
            gradA.add_(grads[2], Scalars.One);
            gb[k] = grads[3].MoveToOuterDisposeScope();
            gc[k] = grads[4].MoveToOuterDisposeScope();
            gradH.Dispose();
            gradH = grads[5].MoveToOuterDisposeScope();
        }
        gradH.Dispose();
        var result = new List<Tensor> { cat(gx, 1), cat(gDelta, 1), gradA, cat(gb, 1), cat(gc, 1), null! };
        foreach (var piece in gx.Concat(gDelta).Concat(gb).Concat(gc))
            piece.Dispose();
        return result;
    }

    // Vector-Jacobian product of one recomputed chunk; the last output is the state handed to the next chunk.
    private static IList<Tensor> ChunkVjp(Tensor y, Tensor h, Tensor[] inputs, Tensor gradY, Tensor gradH) =>
        grad([y, h], inputs, [gradY, gradH]);
}
