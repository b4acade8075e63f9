using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MinRnnLab.Models;

/// <summary>
/// Dropout whose mask depends only on the model's own <see cref="DropoutSeeds"/> once <see cref="LanguageModel"/> has
/// handed them out: on a CPU it is hashed from the next seed (<see cref="FusedDropout"/>), elsewhere drawn by
/// <see cref="GlobalGenerator.Draw{T}"/> right after seeding libtorch's generator with it. Without seeds the mask comes
/// from the shared generator, still under its gate, so no model is built mid-draw.
/// </summary>
public sealed class LockedDropout(double p) : Module<Tensor, Tensor>(nameof(LockedDropout)), IDrawsDropoutMasks
{
    public DropoutSeeds? Seeds { get; set; }

    public override Tensor forward(Tensor x)
    {
        if (!training || p == 0)
            return x;                                                                   // no draw
        if (Seeds is not null && FusedDropout.Supports(x))
            return FusedDropout.Apply(x, p, Seeds.Next());
        return GlobalGenerator.Draw(Seeds, x.device, () => functional.dropout(x, p, training: true));
    }
}
