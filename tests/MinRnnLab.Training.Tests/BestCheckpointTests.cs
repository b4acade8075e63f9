using MinRnnLab.Config;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Training.Tests;

/// <summary>Every run keeps the checkpoint of its best evaluation beside its latest one, through resumes too.</summary>
[Collection(TorchGlobalState.Name)]
public class BestCheckpointTests
{
    // A 1,000-character corpus at a high fixed learning rate: the validation loss (exact, eval_mode full) is at its
    // lowest at step 30 of 50 (3.154, 3.195, 3.121, 3.169, 3.139 at steps 10–50), so the best is not the latest.
    private static readonly Lazy<CharDataset> Small = new(() => new CharDataset(File.ReadAllText(TestData.CorpusPath)[..1000]));

    private static RunConfig Config() => ConfigBinder.Bind(Presets.Get("tiny").Concat(new (string Key, string Value)[]
    {
        ("arch", "mingru"), ("block_size", "8"), ("batch_size", "5"), ("eval_mode", "full"), ("eval_iters", "2"),
        ("learning_rate", "1e-2"), ("decay_lr", "false"), ("max_iters", "50"), ("eval_interval", "10"),
        ("checkpoint_interval", "20"), ("log_interval", "1"),
    }.Select(v => new ConfigValue(v.Key, v.Value, "test"))));

    [Fact]
    public void TheBestCheckpointIsTheBestEvaluations()
    {
        var folder = Path.Combine(TestData.TempFolder(), "checkpoint");
        var observer = new RecordingObserver();
        using (var trainer = new TrainingLoop(Config(), Small.Value, observer, folder))
            trainer.Run();

        var best = observer.Evaluations.MinBy(e => e.ValLoss)!;
        Assert.NotEqual(50, best.Step);                                                 // else best and latest would be one checkpoint
        Assert.Equal(50, CheckpointStore.ReadState(folder).Step);
        Assert.Equal(best.Step, CheckpointStore.ReadState(BestCheckpoint.FolderBeside(folder)).Step);
        Assert.Equal(best.ValLoss, ValLossOf(BestCheckpoint.FolderBeside(folder)));    // its weights are the ones measured
        Assert.Equal(observer.Evaluations.Where(e => e.Step > 0 && e.ValLoss == e.BestValLoss).Select(e => e.Step),
            observer.BestCheckpoints.Select(c => c.Step));                              // saved at each new best after step 0
    }

    [Fact]
    public void AResumedRunKeepsBothCheckpointsAndItsBestStaysTheBar()
    {
        var whole = new RecordingObserver();
        using (var trainer = new TrainingLoop(Config(), Small.Value, whole))
            trainer.Run();
        var best = whole.Evaluations.MinBy(e => e.ValLoss)!;

        // The first attempt loses its lease after the best evaluation and before the next latest checkpoint: on disk
        // the latest is older than the best.
        var folder = Path.Combine(TestData.TempFolder(), "checkpoint");
        using var leaseLost = new CancellationTokenSource();
        using (var first = new TrainingLoop(Config(), Small.Value, new StopAfter(best.Step + 5, leaseLost), folder))
            Assert.ThrowsAny<OperationCanceledException>(() => first.Run(leaseLost.Token));
        var bestOnDisk = CheckpointStore.Describe(BestCheckpoint.FolderBeside(folder))!.Value;
        Assert.True(CheckpointStore.ReadState(folder).Step < best.Step);
        Assert.Equal(best.Step, bestOnDisk.Step);

        var resumed = new RecordingObserver();
        TrainResult result;
        using (var second = new TrainingLoop(Config(), Small.Value, resumed, folder))
        {
            Assert.True(second.TryResume(reevaluate: true));
            result = second.Run();
        }

        Assert.Equal((best.Step, best.ValLoss), (result.BestStep, result.BestValLoss));
        Assert.Equal(50, CheckpointStore.ReadState(folder).Step);
        Assert.Equal(bestOnDisk, CheckpointStore.Describe(BestCheckpoint.FolderBeside(folder)));   // kept, not written again
        Assert.Empty(resumed.BestCheckpoints);
        Assert.Equal(best.ValLoss, ValLossOf(BestCheckpoint.FolderBeside(folder)));
    }

    [Fact]
    public void ARunSavedBeforeBestCheckpointsWereKeptReadsItsLatest()
    {
        var folder = Path.Combine(TestData.TempFolder(), "checkpoint");
        using (var trainer = new TrainingLoop(Config(), Small.Value, new RecordingObserver(), folder))
            trainer.Run();
        Directory.Delete(BestCheckpoint.FolderBeside(folder), recursive: true);          // as an older binary left it

        Assert.Equal(folder, BestCheckpoint.Choose(folder, preferBest: true));
        using var resumed = new TrainingLoop(Config(), Small.Value, new RecordingObserver(), folder);
        Assert.True(resumed.TryResume());
    }

    [Fact]
    public void ChoosingTheLatestReadsTheLatestEvenWhenABestExists()
    {
        var folder = Path.Combine(TestData.TempFolder(), "checkpoint");
        using (var trainer = new TrainingLoop(Config(), Small.Value, new RecordingObserver(), folder))
            trainer.Run();

        Assert.Equal(BestCheckpoint.FolderBeside(folder), BestCheckpoint.Choose(folder, preferBest: true));
        Assert.Equal(folder, BestCheckpoint.Choose(folder, preferBest: false));
    }

    /// <summary>The exact validation loss of a checkpoint's weights, measured by a fresh trainer.</summary>
    private static double ValLossOf(string checkpointFolder)
    {
        using var trainer = new TrainingLoop(Config(), Small.Value, new RecordingObserver());
        CheckpointStore.LoadModel(checkpointFolder, trainer.Model);
        return trainer.Evaluate().Val;
    }

    /// <summary>Fires a token once training has reported <paramref name="step"/>, as a lease lost mid-run would.</summary>
    private sealed class StopAfter(int step, CancellationTokenSource source) : ITrainingObserver
    {
        public void OnStep(StepReport report)
        {
            if (report.Step >= step)
                source.Cancel();
        }
    }
}
