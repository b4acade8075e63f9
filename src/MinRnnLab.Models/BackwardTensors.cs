using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace MinRnnLab.Models;

/// <summary>
/// What a custom backward pass is handed and makes on the side, disposed when it returns. TorchSharp wraps the
/// incoming gradient and each unpacked saved tensor in a new Tensor for this pass alone, on the caller's dispose
/// scope, and so are contiguous copies and scratch buffers; those wrappers would keep their memory until that scope
/// ends, although autograd lets go of its own references as soon as the node has run.
/// <para>
/// The gradients a pass returns are not here. Autograd reads them after the pass returns, and TorchSharp promises no
/// moment at which it is done with them before the backward call itself returns, so they stay on the caller's scope:
/// the trainer runs <c>loss.backward()</c> in a scope of its own (TrainingLoop.TakeStep), which lets them go as soon as
/// that call is over. Letting them go when the next pass started instead relied on TorchSharp copying them out at
/// once, and a thread-static list of them let one run's backward pass dispose another's tensors (issue 25).
/// </para>
/// </summary>
internal sealed class BackwardTensors : IDisposable
{
    private readonly List<Tensor> tensors = [];

    /// <summary>Starts with the incoming gradient (its wrapper, not autograd's reference).</summary>
    public BackwardTensors(Tensor grad) => tensors.Add(grad);

    /// <summary>The context's saved tensors, to be let go with the rest.</summary>
    public List<Tensor> Saved(AutogradContext ctx)
    {
        var saved = ctx.get_saved_variables();
        tensors.AddRange(saved.Where(t => t is not null));
        return saved;
    }

    /// <summary><paramref name="tensor"/>, to be let go with the rest.</summary>
    public Tensor Add(Tensor tensor)
    {
        tensors.Add(tensor);
        return tensor;
    }

    public void Dispose()
    {
        foreach (var tensor in tensors)
            tensor.Dispose();
    }
}
