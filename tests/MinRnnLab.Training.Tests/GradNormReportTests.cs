using MinRnnLab.Config;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Training.Tests;

/// <summary>The gradient norm the clipping computes is reported with each step report (issue 28: a chartable metric).</summary>
[Collection(TorchGlobalState.Name)]
public class GradNormReportTests
{
    private static RunConfig Tiny(string gradClip) => ConfigBinder.Bind(Presets.Get("tiny").Concat(
        new[] { ("max_iters", "20"), ("eval_interval", "20"), ("log_interval", "5"), ("grad_clip", gradClip) }.Select(o => new ConfigValue(o.Item1, o.Item2, "test"))));

    [Fact]
    public void EachStepReportCarriesTheNormBeforeClipping()
    {
        var observer = new RecordingObserver();
        using (var trainer = new TrainingLoop(Tiny("1"), TestData.Dataset, observer))
            trainer.Run();

        Assert.Equal(4, observer.Steps.Count);
        Assert.All(observer.Steps, s => Assert.True(s.GradNorm is > 0 and < 1e6 && double.IsFinite(s.GradNorm.Value), $"step {s.Step}: grad norm {s.GradNorm}"));
        Assert.NotEqual(1, observer.Steps.Select(s => s.GradNorm).Distinct().Count());  // measured per step, not a constant
    }

    [Fact]
    public void WithoutClippingNoNormIsComputedOrReported()
    {
        var observer = new RecordingObserver();
        using (var trainer = new TrainingLoop(Tiny("0"), TestData.Dataset, observer))
            trainer.Run();

        Assert.NotEmpty(observer.Steps);
        Assert.All(observer.Steps, s => Assert.Null(s.GradNorm));
    }
}
