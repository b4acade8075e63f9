using MinRnnLab.Abstractions;
using MinRnnLab.Grains.Client;
using MinRnnLab.Training;

namespace MinRnnLab.Grains.Tests;

public class SweepReportTests
{
    private static TrialInfo Trial(int index, string arch, RunState state, double? best, int? bestStep, int? toTarget, double seconds) =>
        new(index, $"s/{index}", arch, 0, new Dictionary<string, string> { ["arch"] = arch }, state, best, bestStep, toTarget, seconds);

    [Fact]
    public void ArchitecturesSummarizeSucceededSeedsAgainstTheTransformerAndThePaper()
    {
        var trials = new[]
        {
            Trial(0, "transformer", RunState.Succeeded, 2.0, 1000, 500, 10),
            Trial(1, "transformer", RunState.Succeeded, 2.2, 1200, 700, 20),
            Trial(2, "mingru", RunState.Succeeded, 1.8, 400, 300, 30),
            Trial(3, "mingru", RunState.Failed, null, null, null, 5),
        };

        var rows = SweepReport.Summarize(trials, [100, 200, 300, double.NaN]).ToDictionary(r => r.Arch);

        var transformer = rows["transformer"];
        Assert.Equal(2, transformer.Runs);
        Assert.Equal(2.1, transformer.BestValLossMean!.Value, 10);
        Assert.Equal(Math.Sqrt(0.02), transformer.BestValLossStd!.Value, 10);
        Assert.Equal(1100, transformer.BestStepMean);
        Assert.Equal(600, transformer.StepsToTargetMean);
        Assert.Equal(150, transformer.TokensPerSecondMean);
        Assert.Equal(1.0, transformer.LossRatioToTransformer!.Value, 10);
        var mingru = rows["mingru"];
        Assert.Equal(1, mingru.Runs);                                                   // the failed seed does not count
        Assert.Equal(1.8 / 2.1, mingru.LossRatioToTransformer!.Value, 10);
        Assert.Equal(1.548, mingru.PaperBestValLoss);
        Assert.Equal(575, mingru.PaperBestStep);
    }

    [Fact]
    public void TheCurvesFigureHasOneLinePerRunAndOneLegendEntryPerArchitecture()
    {
        var svg = LossCurveSvg.Render("demo", [
            new LossCurve("s/0", "transformer", [(0, 4.2), (50, 3.0), (100, 2.5)]),
            new LossCurve("s/1", "mingru", [(0, 4.2), (50, 2.8)]),
            new LossCurve("s/2", "mingru", [(0, 4.1), (50, 2.9)]),
        ]);

        Assert.StartsWith("<svg", svg);
        Assert.Equal(3, svg.Split("<polyline").Length - 1);
        Assert.Contains(">mingru</text>", svg);
        Assert.Contains(">transformer</text>", svg);
        Assert.Contains("validation loss (log)", svg);
    }

    [Fact]
    public void EachArchitectureIsDrawnInItsOwnColourWhateverElseIsInTheFigure()
    {
        var alone = LossCurveSvg.Render("alone", [new LossCurve("s/0", "mingru", [(0, 4.2), (50, 2.8)])]);
        var beside = LossCurveSvg.Render("beside", [
            new LossCurve("s/0", "mamba", [(0, 4.2), (50, 2.8)]),
            new LossCurve("s/1", "mingru", [(0, 4.2), (50, 2.9)]),
        ]);

        foreach (var svg in new[] { alone, beside })
            Assert.Contains($"stroke=\"{ArchColors.For("mingru")}\"", svg);
        Assert.Contains($"stroke=\"{ArchColors.For("mamba")}\"", beside);
        Assert.NotEqual(ArchColors.For("mingru"), ArchColors.For("mamba"));
    }
}
