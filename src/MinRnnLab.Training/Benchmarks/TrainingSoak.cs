using MinRnnLab.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Benchmarks;

/// <summary>
/// How a silo trains, at its worst, for as long as asked: several runs training at once on dedicated threads of one
/// process and sharing one dataset, as a silo's device slots do; runs cancelled at random moments (as a lost lease
/// does) or stopped with a checkpoint (as a shutdown does) and resumed from their checkpoint by a new trainer; and
/// a thread that collects garbage and runs finalizers without pause. That last one is what turns a tensor that only
/// a finalizer owns into a use-after-free: a collection between TorchSharp reading a tensor's handle and libtorch
/// using it frees the tensor under libtorch (issue 25's segfault in THSTensor_numel). Tiny models of every
/// architecture, so that models are built and loaded many times a second. A failed run is counted; a native crash
/// ends the process (scripts/soak.sh has the runtime write a dump with the managed stacks).
/// </summary>
public static class TrainingSoak
{
    private static readonly Architecture[] Architectures = Enum.GetValues<Architecture>();

    /// <summary>Trains until <paramref name="options"/>' duration has passed; <paramref name="report"/> gets a line a minute.</summary>
    public static SoakCounts Run(SoakOptions options, CharDataset data, Action<string> report, CancellationToken cancel = default)
    {
        var counts = new SoakCounts();
        var root = Path.Combine(Path.GetTempPath(), $"minrnn-soak-{Guid.NewGuid():N}");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(options.Duration);
        if (options.TorchThreads > 0)
            set_num_threads(options.TorchThreads);
        try
        {
            // LongRunning: a thread of its own per worker, as DeviceWorker trains, named ".NET Long Running Task".
            var threads = Enumerable.Range(0, options.Workers)
                .Select(w => Task.Factory.StartNew(() => Work(w, options, data, root, counts, deadline.Token),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                .Append(Task.Factory.StartNew(() => Collect(counts, deadline.Token),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                .ToArray();
            var started = DateTime.UtcNow;
            while (!Task.WaitAll(threads, TimeSpan.FromMinutes(1)))
                report($"soak: {(DateTime.UtcNow - started).TotalMinutes:F0} min, {counts}");
            return counts;
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
    }

    // One device slot: runs one after another, each to its end through as many cancels and resumes as it meets.
    private static void Work(int worker, SoakOptions options, CharDataset data, string root, SoakCounts counts, CancellationToken deadline)
    {
        var random = new Random(HashCode.Combine(options.Seed, worker));
        for (var run = 0; !deadline.IsCancellationRequested; run++)
        {
            var config = TinyRun(Architectures[(worker + run) % Architectures.Length], seed: options.Seed + 1000 * worker + run);
            var folder = Path.Combine(root, $"worker{worker}-run{run}");
            try
            {
                TrainToEnd(config, data, folder, random, counts, deadline);
            }
            catch (Exception e)
            {
                counts.Failed(config.Model.Arch, e);
            }
            finally
            {
                if (Directory.Exists(folder))
                    Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static void TrainToEnd(RunConfig config, CharDataset data, string folder, Random random, SoakCounts counts, CancellationToken deadline)
    {
        while (!deadline.IsCancellationRequested)
        {
            // A third of the attempts end early, at 5–300 ms: half as a lost lease (as is), half as a shutdown (checkpointed).
            using var lost = CancellationTokenSource.CreateLinkedTokenSource(deadline);
            using var shutdown = new CancellationTokenSource();
            if (random.Next(3) == 0)
                (random.Next(2) == 0 ? lost : shutdown).CancelAfter(random.Next(5, 300));
            try
            {
                using var trainer = new TrainingLoop(config, data, counts, folder);
                if (trainer.TryResume(reevaluate: random.Next(2) == 0))
                    counts.Resumed();
                trainer.Run(lost.Token, shutdown.Token);
                counts.Finished();
                return;
            }
            catch (OperationCanceledException)
            {
                counts.Stopped();                                                       // the deadline's too: the loop ends
            }
        }
    }

    // Full blocking collections back to back, each followed by the finalizers it queued.
    private static void Collect(SoakCounts counts, CancellationToken deadline)
    {
        while (!deadline.IsCancellationRequested)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            counts.Collected();
        }
    }

    /// <summary>A run of <paramref name="arch"/> small enough to build in milliseconds, with every feature that makes tensors: dropout, evaluations, checkpoints.</summary>
    public static RunConfig TinyRun(Architecture arch, long seed) => new(
        new ModelConfig { Arch = arch, NLayer = 2, NHead = 2, NEmbd = 16, BlockSize = 16, Dropout = 0.1, DState = 4 },
        new TrainConfig
        {
            BatchSize = 4, MaxIters = 30, EvalInterval = 10, EvalIters = 2, LogInterval = 1, WarmupIters = 5,
            CheckpointInterval = 10, Seed = seed, Device = "cpu",
        });
}

/// <param name="Duration">How long to train; runs under way when it ends are stopped as they are.</param>
/// <param name="Workers">Runs training at once, each on its own thread.</param>
/// <param name="TorchThreads">libtorch's intra-op threads (process-wide; 0 leaves libtorch's default), shared by all runs as in a silo.</param>
/// <param name="Seed">Seeds which runs are cancelled when, and each run's model.</param>
public sealed record SoakOptions(TimeSpan Duration, int Workers = 4, int TorchThreads = 2, long Seed = 1);
