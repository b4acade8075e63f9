using MinRnnLab.Config;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Training.Tests;

/// <summary>Checkpoints are written to "checkpoint.tmp-*" and swapped in; no temp folder outlives its save.</summary>
[Collection(TorchGlobalState.Name)]
public class CheckpointTempFolderTests
{
    private static RunConfig Tiny => ConfigBinder.Bind(Presets.Get("tiny").Concat(
        [new ConfigValue("max_iters", "10", "test"), new ConfigValue("checkpoint_interval", "10", "test"), new ConfigValue("eval_interval", "10", "test")]));

    [Fact]
    public void AnAttemptRemovesTheTempFoldersACrashMidSaveLeftBehind()
    {
        var root = TestData.TempFolder();
        var checkpoint = Path.Combine(root, "checkpoint");
        var orphan = Directory.CreateDirectory($"{checkpoint}.tmp-{Guid.NewGuid():N}").FullName;
        File.WriteAllText(Path.Combine(orphan, "model.bin"), "half written");
        var unrelated = Directory.CreateDirectory(Path.Combine(root, "other.tmp-1")).FullName;

        using (var trainer = new TrainingLoop(Tiny, TestData.Dataset, new RecordingObserver(), checkpoint))
        {
            Assert.False(trainer.TryResume());
            Assert.False(Directory.Exists(orphan));                                     // gone at the start of the attempt
            trainer.Run();
        }

        Assert.Equal([checkpoint, BestCheckpoint.FolderBeside(checkpoint), unrelated], Directory.GetDirectories(root).Order());
        Assert.Equal(10, CheckpointStore.ReadState(checkpoint).Step);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void AFailedSaveLeavesNoTempFolder()
    {
        var root = TestData.TempFolder();
        var checkpoint = Path.Combine(root, "checkpoint");
        File.WriteAllText(checkpoint, "a file where the checkpoint folder should go");  // the swap-in rename fails

        using (var trainer = new TrainingLoop(Tiny, TestData.Dataset, new RecordingObserver(), checkpoint))
            Assert.Throws<IOException>(() => trainer.Run());

        // The best checkpoint of step 10 was saved before the latest one failed; no temp folder of either is left.
        Assert.Equal([BestCheckpoint.FolderBeside(checkpoint)], Directory.GetDirectories(root));
        Directory.Delete(root, recursive: true);
    }
}
