using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// Per-sequence state carried between generation steps: fixed-size tensor slots whose layout the owning
/// block decides (for example slot 0 = conv window, slot 1 = hidden state). Tensors stored here outlive
/// the dispose scope of the step that made them; replacing a slot frees the old tensor.
/// </summary>
public sealed class RecurrentState : IDisposable
{
    private readonly Tensor?[] slots;

    public RecurrentState(int slotCount) => slots = new Tensor?[slotCount];

    public Tensor this[int slot]
    {
        get => slots[slot] ?? throw new InvalidOperationException($"recurrent state slot {slot} was never set");
        set
        {
            var old = slots[slot];
            slots[slot] = value.DetachFromDisposeScope();
            if (!ReferenceEquals(old, value))
                old?.Dispose();
        }
    }

    public bool Has(int slot) => slots[slot] is not null;

    public void Dispose()
    {
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i]?.Dispose();
            slots[i] = null;
        }
    }
}

/// <summary>A block that can also run one token at a time with O(1) state, for generation.</summary>
public interface IRecurrentBlock
{
    /// <summary>Empty state for a batch; the block fills its slots on the first step.</summary>
    RecurrentState NewState();

    /// <summary>One token: x (B, C) → (B, C), advancing <paramref name="state"/>.</summary>
    Tensor Step(Tensor x, RecurrentState state);
}
