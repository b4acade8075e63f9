using MinRnnLab.Config;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Training.Tests;

[Collection(TorchGlobalState.Name)]
public class TrainerTests
{
    private static RunConfig Tiny(params (string Key, string Value)[] overrides) => ConfigBinder.Bind(
        Presets.Get("tiny").Concat(overrides.Select(o => new ConfigValue(o.Key, o.Value, "test"))));

    [Fact]
    public void LossFallsWithinAFewDozenSteps()
    {
        var observer = new RecordingObserver();
        using var trainer = new TrainingLoop(Tiny(("max_iters", "40"), ("eval_interval", "40"), ("learning_rate", "3e-3")),
            TestData.Dataset, observer);

        var result = trainer.Run();

        var first = observer.Evaluations.First();
        var last = observer.Evaluations.Last();
        Assert.Equal(0, first.Step);
        Assert.Equal(40, last.Step);
        Assert.InRange(first.TrainLoss, Math.Log(65) - 0.3, Math.Log(65) + 0.3);        // starts near uniform
        Assert.True(last.TrainLoss < first.TrainLoss - 0.5, $"train loss {first.TrainLoss} → {last.TrainLoss}");
        Assert.Equal(last.ValLoss, result.FinalValLoss);
        Assert.Equal(result.BestValLoss, observer.Evaluations.Min(e => e.ValLoss));
    }

    [Fact]
    public void ResumedRunReproducesTheUninterruptedRunExactly()
    {
        // The stopped run differs only in max_iters, so the schedule is pinned by lr_decay_iters.
        // Dropout on, so the resumed run must also restore the model's dropout seeds, not just weights and batches.
        var config = Tiny(("max_iters", "40"), ("eval_interval", "10"), ("checkpoint_interval", "20"), ("log_interval", "1"),
            ("dropout", "0.1"), ("lr_decay_iters", "40"));
        var whole = new RecordingObserver();
        using (var trainer = new TrainingLoop(config, TestData.Dataset, whole))
            trainer.Run();

        var folder = TestData.TempFolder();
        var halves = new RecordingObserver();
        var stopped = config with { Train = config.Train with { MaxIters = 20 } };
        using (var trainer = new TrainingLoop(stopped, TestData.Dataset, halves, folder))
            trainer.Run();
        using (var trainer = new TrainingLoop(config, TestData.Dataset, halves, folder))
        {
            Assert.True(trainer.TryResume());
            Assert.Equal(20, trainer.Step);
            trainer.Run();
        }

        Assert.Equal(whole.Steps.Select(s => (s.Step, s.TrainLoss)), halves.Steps.Select(s => (s.Step, s.TrainLoss)));
        Assert.Equal(whole.Evaluations.Select(e => (e.Step, e.TrainLoss, e.ValLoss)),
            halves.Evaluations.Select(e => (e.Step, e.TrainLoss, e.ValLoss)));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void CheckpointsAreWrittenAtTheIntervalAndAtTheEnd()
    {
        var folder = TestData.TempFolder();
        var observer = new RecordingObserver();
        using (var trainer = new TrainingLoop(Tiny(("max_iters", "30"), ("checkpoint_interval", "20")), TestData.Dataset, observer, folder))
            trainer.Run();
        Assert.Equal([20, 30], observer.Checkpoints.Select(c => c.Step));
        Assert.Equal(30, Checkpoints.CheckpointStore.ReadState(folder).Step);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void AZeroIntervalCheckpointsAtEveryImprovingEvaluationAndAtTheEnd()
    {
        var folder = TestData.TempFolder();
        var observer = new RecordingObserver();
        using (var trainer = new TrainingLoop(Tiny(("max_iters", "60"), ("checkpoint_interval", "0"), ("learning_rate", "3e-3")),
            TestData.Dataset, observer, folder))
            trainer.Run();
        var improving = observer.Evaluations.Where(e => e.Step > 0 && e.BestStep == e.Step).Select(e => e.Step);
        var expected = improving.Append(60).Distinct().Order().ToList();
        Assert.True(expected.Count > 1, $"no evaluation before the end improved: {string.Join(", ", observer.Evaluations.Select(e => e.ValLoss))}");
        Assert.Equal(expected, observer.Checkpoints.Select(c => c.Step));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void ExplodingLearningRateIsReportedAsDivergence()
    {
        var config = Tiny(("learning_rate", "1e9"), ("min_lr", "1e9"), ("grad_clip", "0"), ("warmup_iters", "0"),
            ("log_interval", "1"), ("max_iters", "50"));
        using var trainer = new TrainingLoop(config, TestData.Dataset, new RecordingObserver());
        var error = Assert.Throws<DivergedException>(() => trainer.Run());
        Assert.Contains("diverged", error.Message);
    }
}
