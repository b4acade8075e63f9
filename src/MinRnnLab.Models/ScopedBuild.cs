using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// Builds a module inside a dispose scope, which the module's own parameters and buffers then leave.
/// <para>
/// Building makes temporaries, in TorchSharp's layers too: Conv1d's initialiser reads <c>weight[0, 0].numel()</c>,
/// an Embedding's weight is a new wrapper at every read, Mamba's Δ init chains rand → mul → exp. A temporary that only
/// the stack holds is dead to the garbage collector as soon as TorchSharp has read its handle, so a collection that
/// another thread starts during the native call lets the finalizer thread free the tensor while libtorch reads it.
/// That was issue 25's segfault in THSTensor_numel on a training thread, and <c>bench soak</c>'s in
/// THSTensor_mul_scalar under SelectiveSsm's init (71 s into a soak, with another run's collections). A tensor
/// registered in a scope stays reachable until the scope ends, so none is freed early.
/// </para>
/// </summary>
public static class ScopedBuild
{
    public static T Module<T>(Func<T> build) where T : nn.Module
    {
        using var scope = NewDisposeScope();
        var module = build();
        foreach (var (_, parameter) in module.named_parameters())
            parameter.DetachFromDisposeScope();
        foreach (var (_, buffer) in module.named_buffers(include_nonpersistent: true))
            buffer.DetachFromDisposeScope();
        return module;
    }
}
