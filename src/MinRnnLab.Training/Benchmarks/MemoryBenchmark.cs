using MinRnnLab.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;
using TorchSharp;

namespace MinRnnLab.Training.Benchmarks;

/// <summary>
/// Memory over one real training run (evaluations and checkpoints as configured, checkpoints into a temp
/// folder that is deleted afterwards): at every logged step, the process RSS next to the three things that
/// can make it grow, so that a leak (live tensors or allocator in-use bytes growing) can be told from
/// allocator caching (free-but-held bytes growing) and from the .NET heap.
/// </summary>
public static class MemoryBenchmark
{
    public static IReadOnlyList<MemoryRow> Run(RunConfig config, CharDataset data, CancellationToken cancel = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"minrnn-bench-memory-{Guid.NewGuid():N}");
        var recorder = new Recorder();
        try
        {
            using var trainer = new TrainingLoop(config, data, recorder, Path.Combine(folder, "checkpoint"));
            trainer.Run(cancel);
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        return recorder.Rows;
    }

    /// <summary>The row of the last logged step at or before <paramref name="step"/>, or null.</summary>
    public static MemoryRow? At(IReadOnlyList<MemoryRow> rows, int step) => rows.LastOrDefault(r => r.Step <= step);

    // Called on the training thread, so the thread-local tensor count is the trainer's.
    private sealed class Recorder : ITrainingObserver
    {
        public List<MemoryRow> Rows { get; } = [];

        public void OnStep(StepReport r)
        {
            var allocator = GlibcAllocator.Stats();
            Rows.Add(new MemoryRow(r.Step, r.RssBytes / 1048576.0, GC.GetTotalMemory(forceFullCollection: false) / 1048576.0,
                DisposeScopeManager.Statistics.ThreadTotalLiveCount, allocator?.InUseBytes / 1048576.0,
                allocator?.FreeHeldBytes / 1048576.0, r.MsPerIter));
        }
    }
}

/// <param name="RssMb">Process resident set.</param>
/// <param name="ManagedMb">.NET heap (not forcing a collection).</param>
/// <param name="LiveTensors">TorchSharp tensors alive on the training thread.</param>
/// <param name="MallocInUseMb">glibc: allocated and not freed, all arenas.</param>
/// <param name="MallocFreeHeldMb">glibc: freed but still held for reuse.</param>
public sealed record MemoryRow(int Step, double RssMb, double ManagedMb, long LiveTensors, double? MallocInUseMb,
    double? MallocFreeHeldMb, double MsPerIter);
