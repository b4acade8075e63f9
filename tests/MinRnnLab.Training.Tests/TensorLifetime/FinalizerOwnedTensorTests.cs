using MinRnnLab.Config;
using MinRnnLab.Models;
using MinRnnLab.Training.Benchmarks;
using MinRnnLab.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Tests.TensorLifetime;

/// <summary>
/// A training thread makes every tensor inside a dispose scope, so that none is left to a finalizer that can free it
/// while libtorch still reads it (why: <see cref="ScopedBuild"/>). TorchSharp counts, per thread, the tensors made
/// outside any scope; the whole life of a run, resumed included, must make none. This is the regular test of
/// issue 25's use-after-free; `minrnn bench soak` (scripts/soak.sh) is the one that crashes without the fix.
/// </summary>
public sealed class FinalizerOwnedTensorTests
{
    public static TheoryData<Architecture> Architectures() => [.. Enum.GetValues<Architecture>()];

    [Theory]
    [MemberData(nameof(Architectures))]
    public void ARunAndItsResumeMakeNoTensorOutsideADisposeScope(Architecture arch)
    {
        var folder = Path.Combine(TestData.TempFolder(), "checkpoint");
        var config = TrainingSoak.TinyRun(arch, seed: 5);
        var data = TestData.Dataset;                                                    // loaded once, by whichever test comes first
        var statistics = DisposeScopeManager.Statistics;                               // this thread's
        statistics.Reset();

        using (var trainer = new TrainingLoop(config with { Train = config.Train with { MaxIters = 4 } }, data,
                   new RecordingObserver(), folder))
        {
            _ = trainer.Model.ParameterCount();
            trainer.Run();
        }
        using (var resumed = new TrainingLoop(config with { Train = config.Train with { MaxIters = 6 } }, data,
                   new RecordingObserver(), folder))
        {
            Assert.True(resumed.TryResume(reevaluate: true));
            resumed.Run();
        }

        Assert.Equal(0, statistics.CreatedOutsideScopeCount);
    }

    [Fact]
    public void ABuiltModuleKeepsItsParametersAndLeavesNoTemporary()
    {
        var statistics = DisposeScopeManager.Statistics;
        statistics.Reset();
        using (new CausalConv1d(8, 4))
            Assert.True(statistics.CreatedOutsideScopeCount > 0, "TorchSharp's Conv1d init makes no temporary any more: update ScopedBuild's why");
        statistics.Reset();

        using var built = ScopedBuild.Module(() => new CausalConv1d(8, 4));

        Assert.Equal(0, statistics.CreatedOutsideScopeCount);
        Assert.All(built.parameters(), p => Assert.False(p.IsInvalid));                // they left the scope
        using var scope = NewDisposeScope();
        Assert.Equal([1, 5, 8], built.forward(ones(1, 5, 8)).shape);
    }
}
