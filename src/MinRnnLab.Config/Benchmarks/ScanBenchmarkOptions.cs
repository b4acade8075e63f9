namespace MinRnnLab.Config.Benchmarks;

/// <summary>Settings of one benchmark run. Defaults follow the paper's Figure 1 except the repetitions.</summary>
public sealed record ScanBenchmarkOptions
{
    public IReadOnlyList<int> SeqLens { get; init; } = [64, 128, 256, 512, 1024, 2048, 4096];
    /// <summary>The paper's batch.</summary>
    public int Batch { get; init; } = 64;
    public int Hidden { get; init; } = 128;
    /// <summary>Untimed runs first (allocator and thread pool warm-up).</summary>
    public int Warmup { get; init; } = 1;
    /// <summary>Timed runs averaged per (model, T); the paper used 100 on a GPU.</summary>
    public int Reps { get; init; } = 10;
    /// <summary>
    /// When one run of a case takes longer than this, that run is its measurement (no further reps) and the
    /// case's longer sequences are skipped: the GRU loop at T = 4096 would otherwise dominate a CPU run.
    /// </summary>
    public TimeSpan CaseBudget { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>
    /// libtorch intra-op threads for the run (restored afterwards); null keeps the current setting. On a shared
    /// small CPU, 1 avoids oversubscription, which slows the step-by-step loops by an order of magnitude.
    /// </summary>
    public int? Threads { get; init; }
    /// <summary>"cpu" or "cuda".</summary>
    public string Device { get; init; } = "cpu";
    public long Seed { get; init; } = 1337;
}
