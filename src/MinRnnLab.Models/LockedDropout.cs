using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>Dropout whose mask is drawn under <see cref="GlobalGenerator.Gate"/>, so no model is built mid-draw.</summary>
public sealed class LockedDropout(double p) : Module<Tensor, Tensor>(nameof(LockedDropout))
{
    public override Tensor forward(Tensor x)
    {
        if (!training || p == 0)
            return x;                                                                   // no draw
        lock (GlobalGenerator.Gate)
            return functional.dropout(x, p, training: true);
    }
}
