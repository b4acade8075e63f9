using System.Diagnostics;
using MinRnnLab.Config;
using MinRnnLab.Config.Benchmarks;
using MinRnnLab.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Benchmarks;

/// <summary>
/// The paper's Figure 1 as a library: forward + loss (mean of the output) + backward for each model and
/// sequence length, mean time over repetitions after warm-up (at each length the models take turns, a run each),
/// peak memory, speedups against the sequential and fused baselines, and the share of a minGRU step spent in the
/// scan. No CLI here; callers print or save the returned report.
/// </summary>
public static class ScanBenchmark
{
    /// <summary>
    /// The paper's models: minGRU, minLSTM and Mamba against GRU/LSTM loops and libtorch's fused cells. Mamba is
    /// one block (its residual included) of width hidden with the paper's expansion 2 and state size 16, so its
    /// core is 2·hidden wide; it is measured against the GRU baselines as in the paper's Figure 1.
    /// </summary>
    public static IReadOnlyList<BenchmarkCase> DefaultCases { get; } =
    [
        new("mingru", h => new MinGru(h, h), LoopBaseline: "gru-loop", FusedBaseline: "fused-gru"),
        new("minlstm", h => new MinLstm(h, h), LoopBaseline: "lstm-loop", FusedBaseline: "fused-lstm"),
        new("mamba", h => new GatedBlock(new ModelConfig { Arch = Architecture.Mamba, NEmbd = h, Expansion = 2, DState = 16, Dropout = 0 }),
            LoopBaseline: "gru-loop", FusedBaseline: "fused-gru"),
        new("gru-loop", h => new GruLoop(h, h)),
        new("lstm-loop", h => new LstmLoop(h, h)),
        new("fused-gru", h => new FusedGru(h, h)),
        new("fused-lstm", h => new FusedLstm(h, h)),
    ];

    /// <summary>Runs every case at every length; <paramref name="log"/> gets one line per measured cell.</summary>
    public static ScanBenchmarkReport Run(ScanBenchmarkOptions options, IReadOnlyList<BenchmarkCase>? cases = null,
        Action<string>? log = null)
    {
        cases ??= DefaultCases;
        var device = Devices.Resolve(options.Device);                                  // "gpu" or an absent GPU: a clear error, not a torch one
        var threads = get_num_threads();
        if (options.Threads is int n)
            set_num_threads(n);
        try
        {
            var machine = BenchmarkMachine.Current(get_num_threads());
            return RunCases(options, cases, device, log) with { Machine = machine };
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    private static ScanBenchmarkReport RunCases(ScanBenchmarkOptions options, IReadOnlyList<BenchmarkCase> cases,
        Device device, Action<string>? log)
    {
        var rows = new List<ScanBenchmarkRow>();
        var overBudget = new HashSet<string>();
        foreach (var seqLen in options.SeqLens.Order())
            rows.AddRange(MeasureLength(cases, seqLen, options, device, overBudget, log));
        var shares = options.SeqLens.Order().Select(t => MeasureScanShare(t, options, device)).ToList();
        foreach (var share in shares)
            log?.Invoke($"bench parallel scan T={share.SeqLen}: the log-space scan takes {share.ScanMs:F2} ms, {share.Share:P0} of the minGRU step ({share.StepMs:F2} ms); chunked {share.ChunkedScanMs:F2} ms");
        var caseOrder = cases.Select((c, i) => (c.Name, i)).ToDictionary();
        var ordered = rows.OrderBy(r => caseOrder[r.Model]).ThenBy(r => r.SeqLen).ToList();
        return new ScanBenchmarkReport(options, WithSpeedups(ordered, cases), shares);
    }

    /// <summary>
    /// Every case at one length. Each case's first run is its warm-up and its memory measurement; if that run alone
    /// exceeds the budget, it is the result and the case's longer lengths are skipped. Then the cases take turns, one
    /// timed run each per repetition, so that a slow spell of the machine falls on all of them alike and a speedup
    /// compares runs taken side by side.
    /// </summary>
    private static List<ScanBenchmarkRow> MeasureLength(IReadOnlyList<BenchmarkCase> cases, int seqLen,
        ScanBenchmarkOptions options, Device device, HashSet<string> overBudget, Action<string>? log)
    {
        var rows = new List<ScanBenchmarkRow>();
        var timed = new List<CaseRun>();
        manual_seed(options.Seed);
        using var x = randn(options.Batch, seqLen, options.Hidden, device: device);     // (B, T, hidden), shared by all
        try
        {
            foreach (var benchmarkCase in cases)
            {
                if (overBudget.Contains(benchmarkCase.Name))
                {
                    rows.Add(new(benchmarkCase.Name, seqLen, null, null, 0, Skipped: true, Note: "a shorter length exceeded the case budget"));
                    continue;
                }
                var run = new CaseRun(benchmarkCase, x, options, device);
                if (run.FirstRun <= options.CaseBudget)
                {
                    run.WarmUp(options.Warmup - 1);
                    timed.Add(run);
                    continue;
                }
                overBudget.Add(benchmarkCase.Name);
                rows.Add(new(benchmarkCase.Name, seqLen, run.FirstRun.TotalMilliseconds, run.Peak, 1, Skipped: false,
                    Note: $"one run took {run.FirstRun.TotalSeconds:F1} s > budget {options.CaseBudget.TotalSeconds:F0} s; longer lengths skipped"));
                run.Dispose();
            }
            for (var rep = 0; rep < options.Reps; rep++)
                foreach (var run in timed)
                    run.TimeOneRun(device);
            rows.AddRange(timed.Select(run => new ScanBenchmarkRow(run.Case.Name, seqLen, run.TimedMs / options.Reps, run.Peak,
                options.Reps, Skipped: false)));
        }
        finally
        {
            foreach (var run in timed)
                run.Dispose();
        }
        foreach (var row in rows.Where(r => !r.Skipped))
            log?.Invoke($"bench {row.Model} T={seqLen}: {row.Ms:F2} ms, peak {row.PeakBytes / 1048576.0:F1} MiB, runs {row.Runs}");
        return rows;
    }

    /// <summary>
    /// One case's model at one length: built and run once on creation (its peak memory and the time of that first
    /// run), then warmed up and timed a run at a time.
    /// </summary>
    private sealed class CaseRun : IDisposable
    {
        private readonly nn.Module<Tensor, Tensor> model;
        private readonly Tensor x;

        public CaseRun(BenchmarkCase benchmarkCase, Tensor x, ScanBenchmarkOptions options, Device device)
        {
            Case = benchmarkCase;
            this.x = x;
            manual_seed(options.Seed);
            model = ScopedBuild.Module(() => benchmarkCase.Create(options.Hidden));
            model.to(device);
            var clock = Stopwatch.StartNew();
            Peak = device.type == DeviceType.CPU ? PeakMemory.MeasureCpu(Step) : RunSynchronized(Step, device);
            FirstRun = clock.Elapsed;
        }

        public BenchmarkCase Case { get; }
        public long? Peak { get; }
        public TimeSpan FirstRun { get; }
        public double TimedMs { get; private set; }

        public void WarmUp(int runs)
        {
            for (var i = 0; i < runs; i++)
                Step();
        }

        public void TimeOneRun(Device device) => TimedMs += TimeMs(Step, 1, device);

        public void Dispose() => model.Dispose();

        private void Step()
        {
            using var scope = NewDisposeScope();
            model.zero_grad();
            model.forward(x).mean().backward();
        }
    }

    private static ScanShareRow MeasureScanShare(int seqLen, ScanBenchmarkOptions options, Device device)
    {
        using var scope = NewDisposeScope();                                            // logA's temporaries (see ScopedBuild)
        manual_seed(options.Seed);
        using var cell = ScopedBuild.Module(() => new MinGru(options.Hidden, options.Hidden));
        cell.to(device);
        using var x = randn(options.Batch, seqLen, options.Hidden, device: device);     // (B, T, hidden)
        // Scan inputs shaped like minGRU's: log(1 − z) ≤ 0 and log(z ⊙ h~).
        using var logA = nn.functional.logsigmoid(randn(options.Batch, seqLen, options.Hidden, device: device).neg()).requires_grad_();
        using var logB = randn(options.Batch, seqLen, options.Hidden, device: device).requires_grad_();
        var reps = Math.Max(1, options.Reps);

        void CellStep() { using var s = NewDisposeScope(); cell.zero_grad(); cell.forward(x).mean().backward(); }
        void ScanStep() { using var s = NewDisposeScope(); LogSpaceScan.Scan(logA, logB).mean().backward(); }
        void ChunkedStep() { using var s = NewDisposeScope(); LogSpaceScan.ScanChunked(logA, logB).mean().backward(); }
        CellStep();
        ScanStep();
        ChunkedStep();
        return new ScanShareRow(seqLen, TimeMs(CellStep, reps, device), TimeMs(ScanStep, reps, device), TimeMs(ChunkedStep, reps, device));
    }

    private static long? RunSynchronized(Action work, Device device)
    {
        work();
        cuda.synchronize(device);
        return null;                                                                    // see PeakMemory: no CUDA stats
    }

    private static double TimeMs(Action work, int reps, Device device)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < reps; i++)
            work();
        if (device.type == DeviceType.CUDA)
            cuda.synchronize(device);                                                   // kernels run asynchronously
        return clock.Elapsed.TotalMilliseconds / reps;
    }

    /// <summary>Each model's speedups and memory ratio against its baselines measured at the same length.</summary>
    public static List<ScanBenchmarkRow> WithSpeedups(List<ScanBenchmarkRow> rows, IReadOnlyList<BenchmarkCase> cases)
    {
        var byKey = rows.ToDictionary(r => (r.Model, r.SeqLen));
        ScanBenchmarkRow? Find(string? model, int seqLen) =>
            model is not null && byKey.TryGetValue((model, seqLen), out var r) && r.Ms is not null ? r : null;
        return rows.Select(row =>
        {
            var spec = cases.First(c => c.Name == row.Model);
            var loop = Find(spec.LoopBaseline, row.SeqLen);
            var fused = Find(spec.FusedBaseline, row.SeqLen);
            return row.Ms is not double ms ? row : row with
            {
                SpeedupVsLoop = loop?.Ms / ms,
                SpeedupVsFused = fused?.Ms / ms,
                MemoryRatioVsLoop = loop?.PeakBytes is long lp && lp > 0 && row.PeakBytes is long p ? (double)p / lp : null,
            };
        }).ToList();
    }
}
