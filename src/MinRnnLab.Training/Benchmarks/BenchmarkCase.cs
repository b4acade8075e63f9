using static TorchSharp.torch;

namespace MinRnnLab.Training.Benchmarks;

/// <summary>
/// One model in the speed/memory table: a single-layer sequence module with d_x = d_h = hidden, taking
/// (B, T, hidden) to (B, T, hidden). <paramref name="LoopBaseline"/> and <paramref name="FusedBaseline"/> name
/// the cases its speedups are measured against (none for the baselines themselves). A Mamba entry is one more
/// of these, e.g. new("mamba", h => new MambaMixer(h), "gru-loop", "fused-gru").
/// </summary>
public sealed record BenchmarkCase(
    string Name,
    Func<int, nn.Module<Tensor, Tensor>> Create,
    string? LoopBaseline = null,
    string? FusedBaseline = null);
