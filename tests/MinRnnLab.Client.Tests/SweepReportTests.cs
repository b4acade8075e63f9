using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;

namespace MinRnnLab.Client.Tests;

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
        Assert.Equal(2.1, transformer.BestMetricMean!.Value, 10);
        Assert.Equal(Math.Sqrt(0.02), transformer.BestMetricStd!.Value, 10);
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
    public void ConfigurationsOfOneArchitectureAreSummarizedApartWithTheSecondTarget()
    {
        TrialInfo Variant(int index, string arch, string? block, double best, int? toSecond) => new(index, $"s/{index}", arch, 0,
            block is null ? new Dictionary<string, string> { ["arch"] = arch } : new Dictionary<string, string> { ["arch"] = arch, ["block"] = block },
            RunState.Succeeded, best, 2000, 500, 10);
        var trials = new[]
        {
            Variant(0, "transformer", null, 2.0, null),
            Variant(1, "mingru", null, 1.8, 1500),
            Variant(2, "mingru", "gated", 1.6, 700),
            Variant(3, "mingru", "gated", 1.7, 900),
        };

        var rows = SweepReport.Summarize(trials, stepsToSecondTarget: [null, 1500, 700, 900]).ToDictionary(r => r.Label);

        Assert.Equal(["mingru", "mingru block=gated", "transformer"], rows.Keys.Order());
        Assert.Equal((1, 1.8, 1500.0), (rows["mingru"].Runs, rows["mingru"].BestMetricMean!.Value, rows["mingru"].StepsToSecondTargetMean!.Value));
        var gated = rows["mingru block=gated"];
        Assert.Equal((2, "block=gated", 800.0), (gated.Runs, gated.Variant, gated.StepsToSecondTargetMean!.Value));
        Assert.Equal(1.65 / 2.0, gated.LossRatioToTransformer!.Value, 10);
        Assert.Null(rows["transformer"].StepsToSecondTargetMean);
    }

    [Theory]
    [InlineData(1.9, 100)]
    [InlineData(2.5, 50)]
    [InlineData(1.5, null)]
    public void StepsToASecondTargetIsTheFirstEvaluationAtOrBelowIt(double target, int? expected)
    {
        (int, double)[] curve = [(100, 1.9), (0, 4.2), (50, 2.5), (150, 1.95)];

        Assert.Equal(expected, SweepReport.StepsTo(curve, target));
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
