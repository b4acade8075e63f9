using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Web.Services;
using MinRnnLab.Web.Services.Curves;

namespace MinRnnLab.Web.Tests.Components;

public class RunPaceTests
{
    private static RunCurves Reported(params (int Step, double Ms, double Tokens)[] reports)
    {
        var run = new RunCurves("s/0", "mingru");
        foreach (var (step, ms, tokens) in reports)
            run.Add([new MetricPoint(step, MetricNames.ValLoss, 3.0), new MetricPoint(step, MetricNames.MsPerIter, ms), new MetricPoint(step, MetricNames.TokensPerSecond, tokens)]);
        return run;
    }

    [Fact]
    public void TheEtaIsStepsLeftTimesTheMeanMsPerIterOfTheLastThreeReports()
    {
        var pace = RunPace.Of(Reported((100, 90, 1000), (200, 10, 9000), (300, 20, 8000), (400, 30, 7000)), maxIters: 1400);

        Assert.Equal(400, pace.Step);
        Assert.Equal(20, pace.MsPerIter);                                              // (10 + 20 + 30) / 3: the first report is old
        Assert.Equal(TimeSpan.FromSeconds(20), pace.Eta);                              // 1000 steps × 20 ms
        Assert.Equal("7k tok/s · 20.0 ms/iter · ETA 20 s", pace.Text);
    }

    [Fact]
    public void ALaterStepKnownToTheStoreShortensTheEtaAndNoSpeedYetMeansNoEta()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), RunPace.Of(Reported((100, 20, 1000)), maxIters: 1400, lastStep: 900).Eta);
        var unknown = RunPace.Of(new RunCurves("s/0", "mingru"), maxIters: 1400);
        Assert.Null(unknown.Eta);
        Assert.Equal("ETA –", unknown.Text);
    }

    [Theory]
    [InlineData(44.2, "45 s")]
    [InlineData(725, "12 min 05 s")]
    [InlineData(11_220, "3 h 07 min")]
    [InlineData(187_200, "2 d 04 h")]
    public void DurationsReadInTwoUnits(double seconds, string text) => Assert.Equal(text, RunPace.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void MetricPanelsShareTheLossChartsXRangeAndLeaveOutMetricsNoRunReported()
    {
        var run = Reported((100, 20, 1000), (200, 22, 900));
        run.Add([new MetricPoint(0, MetricNames.ValLoss, 4.2), new MetricPoint(250, MetricNames.TrainLoss, 2.9)]);

        var panels = MetricPanelSpecs.Build([run], new CurveView(LogY: true, YMin: 1, YMax: 5), new Dictionary<string, RunFacts>(), 400, "k");

        Assert.Equal([MetricNames.MsPerIter, MetricNames.TokensPerSecond], panels.Select(p => p.Metric.Name));   // no lr reported
        Assert.All(panels, p => Assert.Equal((0.0, 250.0), (p.Spec.XMin!.Value, p.Spec.XMax!.Value)));
        Assert.All(panels, p => Assert.False(p.Spec.LogY));                                                       // the loss's y settings stay the loss's
        Assert.All(panels, p => Assert.Null(p.Spec.YMin));
    }
}
