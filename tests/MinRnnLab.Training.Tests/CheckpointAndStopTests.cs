using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Config;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Training.Tests;

/// <summary>A shutdown saves the current step before stopping; losing the lease stops without writing anything.</summary>
public class CheckpointAndStopTests
{
    private static RunConfig Tiny() => ConfigBinder.Bind(
    [
        .. Presets.Get("tiny"),
        new ConfigValue("max_iters", "200", "test"), new ConfigValue("log_interval", "1", "test"),
        new ConfigValue("checkpoint_interval", "100", "test"), new ConfigValue("eval_interval", "100", "test"),
    ]);

    [Fact]
    public void CheckpointAndStopSavesTheCurrentStepThenStops()
    {
        var folder = Path.Combine(TestData.TempFolder(), "checkpoint");
        using var shutdown = new CancellationTokenSource();
        var observer = new StopAt(7, shutdown);
        using var trainer = new TrainingLoop(Tiny(), TestData.Dataset, observer, folder);

        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Run(checkpointAndStop: shutdown.Token));

        Assert.Equal(7, trainer.Step);
        Assert.Equal(7, CheckpointStore.ReadState(folder).Step);                        // not 0: the next start resumes here
        using var resumed = new TrainingLoop(Tiny(), TestData.Dataset, new RecordingObserver(), folder);
        Assert.True(resumed.TryResume());
        Assert.Equal(7, resumed.Step);
    }

    [Fact]
    public void CancelStopsWithoutWritingACheckpoint()
    {
        var folder = Path.Combine(TestData.TempFolder(), "checkpoint");
        using var leaseLost = new CancellationTokenSource();
        using var trainer = new TrainingLoop(Tiny(), TestData.Dataset, new StopAt(7, leaseLost), folder);

        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Run(leaseLost.Token));

        Assert.Null(CheckpointStore.Find(folder));
    }

    /// <summary>Fires a token when training reports <paramref name="step"/>, as a signal arriving mid-run would.</summary>
    private sealed class StopAt(int step, CancellationTokenSource source) : ITrainingObserver
    {
        public void OnStep(StepReport report)
        {
            if (report.Step == step)
                source.Cancel();
        }
    }
}
