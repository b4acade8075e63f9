using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// Dropout whose mask is drawn by <see cref="GlobalGenerator.Draw{T}"/>: under the generator's gate, so no model is
/// built mid-draw, and from the model's own <see cref="DropoutSeeds"/> once <see cref="LanguageModel"/> has handed
/// them out.
/// </summary>
public sealed class LockedDropout(double p) : Module<Tensor, Tensor>(nameof(LockedDropout)), IDrawsDropoutMasks
{
    public DropoutSeeds? Seeds { get; set; }

    public override Tensor forward(Tensor x)
    {
        if (!training || p == 0)
            return x;                                                                   // no draw
        return GlobalGenerator.Draw(Seeds, () => functional.dropout(x, p, training: true));
    }
}
