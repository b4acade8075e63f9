using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Web.Services;
using MinRnnLab.Web.Services.Curves;
using Plotly.Blazor.Traces;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>The traces a loss chart draws under each view: smoothing, x axes, legend groups, tooltips, and the run under a point.</summary>
public class LossTracesTests
{
    private static readonly string[] ValOnly = [MetricNames.ValLoss];
    private static readonly Dictionary<string, RunFacts> NoFacts = [];

    private static RunCurves Run(string id, string arch, bool wall = true)
    {
        var run = new RunCurves(id, arch);
        run.Add(new MetricSeries(id, MetricNames.ValLoss, [0, 10, 20], [4.0, 3.0, 2.0], 3));
        if (wall)
            run.Add(new MetricSeries(id, MetricNames.WallSeconds, [0, 20], [0.0, 40.0], 2));
        run.Add(new MetricSeries(id, MetricNames.Parameters, [0], [12_345], 1));
        return run;
    }

    private static LossTraceOptions Options(CurveView view, int ownTraces = 24, Dictionary<string, RunFacts>? facts = null) =>
        new(ValOnly, 400, view, ownTraces, facts ?? NoFacts);

    private static Scatter[] Scatters(LossTraces traces) => traces.Data.Cast<Scatter>().ToArray();

    [Fact]
    public void SmoothingDrawsTheRawCurveFaintBehindTheSmoothedOne()
    {
        var traces = LossTraces.Build([Run("s/0", "mingru")], Options(new CurveView(Smoothing: 0.6)));

        var (raw, smooth) = (Scatters(traces)[0], Scatters(traces)[1]);
        Assert.Equal(2, traces.Data.Count);
        Assert.Equal((decimal)LossTraces.RawOpacity, raw.Opacity);
        Assert.False(raw.ShowLegend);
        Assert.Equal([4.0, 3.0, 2.0], raw.Y.Cast<double>());
        Assert.Equal(CurveSmoothing.Ema([4, 3, 2], 0.6), smooth.Y.Cast<double>());
    }

    [Fact]
    public void WithoutSmoothingEachCurveIsOneTrace()
    {
        var traces = LossTraces.Build([Run("s/0", "mingru"), Run("s/1", "mingru")], Options(new CurveView()));

        Assert.Equal(2, traces.Data.Count);
        Assert.Equal([0.0, 10.0, 20.0], Scatters(traces)[0].X.Cast<double>());
    }

    [Fact]
    public void TokensSeenAreStepsTimesTokensPerStepAndRunsWithoutAConfigAreLeftOutByName()
    {
        var facts = new Dictionary<string, RunFacts> { ["s/0"] = new("1", TokensPerStep: 64 * 32) };

        var traces = LossTraces.Build([Run("s/0", "mingru"), Run("s/1", "mingru")], Options(new CurveView(X: CurveX.Tokens), facts: facts));

        Assert.Equal([0.0, 20480.0, 40960.0], Scatters(traces).Single().X.Cast<double>());
        Assert.Equal(["s/1"], traces.WithoutX);
    }

    [Fact]
    public void WallTimeComesFromTheRunsWallSecondsAndRunsWithoutThemAreLeftOut()
    {
        var traces = LossTraces.Build([Run("s/0", "mingru"), Run("s/1", "mingru", wall: false)], Options(new CurveView(X: CurveX.WallTime)));

        Assert.Equal([0.0, 20.0, 40.0], Scatters(traces).Single().X.Cast<double>());
        Assert.Equal(["s/1"], traces.WithoutX);
    }

    [Fact]
    public void TheLegendGroupsRunsByArchitectureWithOneTitlePerGroup()
    {
        var traces = LossTraces.Build([Run("s/0", "mingru"), Run("s/1", "mingru"), Run("s/2", "mamba")], Options(new CurveView()));

        var scatters = Scatters(traces);
        Assert.Equal(["mamba", "mingru", "mingru"], scatters.Select(s => s.LegendGroup));
        Assert.Equal(["mamba", "mingru", null], scatters.Select(s => s.LegendGroupTitle?.Text));
        Assert.Equal("#1 val", scatters[2].Name);
    }

    [Fact]
    public void TooltipsNameArchitectureParametersAndSeed()
    {
        var facts = new Dictionary<string, RunFacts> { ["s/0"] = new("#2") };

        var traces = LossTraces.Build([Run("s/0", "mingru")], Options(new CurveView(), facts: facts));

        Assert.StartsWith("mingru #0 · 12.3k params · seed #2<br>step %{x}", Scatters(traces).Single().HoverTemplate);
    }

    [Fact]
    public void ManyRunsShareATracePerArchitectureAndEachPointStillNamesItsRun()
    {
        var traces = LossTraces.Build([Run("s/0", "mingru"), Run("s/1", "mingru")], Options(new CurveView(), ownTraces: 1));

        var trace = Scatters(traces).Single();
        Assert.Equal("mingru val (2 runs)", trace.Name);
        Assert.Equal(7, trace.X.Count);                                                 // 3 + gap + 3
        Assert.Equal("s/0", traces.RunAt(0, 2));
        Assert.Null(traces.RunAt(0, 3));
        Assert.Equal("s/1", traces.RunAt(0, 4));
        Assert.Null(traces.RunAt(1, 0));
    }

    [Fact]
    public void ATraceOfManyRunsBecomesALinePerRunNamingItsRun()
    {
        // uPlot aligns every line on one x: a trace that jumps from step 20 back to step 0 must be cut at its gap.
        var curves = new[] { Run("s/0", "mingru"), Run("s/1", "mingru") };
        var traces = LossTraces.Build(curves, Options(new CurveView(), ownTraces: 1));

        var spec = LossChartSpec.Build(traces, curves, new CurveView(), 420, NoFacts, fullRunIds: false);

        Assert.Equal(2, spec.Series.Count);
        Assert.All(spec.Series, s => Assert.Equal([0.0, 10.0, 20.0], s.X));
        Assert.All(spec.Series, s => Assert.Equal("mingru val (2 runs)", s.Legend));       // one legend entry toggles both
        Assert.Equal(["s/0", "s/1"], spec.Series.Select(s => spec.Runs[s.Run].Id));
        Assert.StartsWith("mingru #0 · 12.3k params", spec.Runs[0].Label);
    }

    [Fact]
    public void ARawCurveSharesItsSmoothedCurvesLegendEntryAndStaysFaint()
    {
        var curves = new[] { Run("s/0", "mingru") };
        var view = new CurveView(Smoothing: 0.5, X: CurveX.WallTime);
        var traces = LossTraces.Build(curves, Options(view));

        var spec = LossChartSpec.Build(traces, curves, view, 420, NoFacts, fullRunIds: false);

        var (raw, smooth) = (spec.Series[0], spec.Series[1]);
        Assert.Equal(smooth.Legend, raw.Legend);
        Assert.Equal(LossTraces.RawOpacity, raw.Alpha);
        Assert.Equal(1, smooth.Alpha);
        Assert.Equal([0.0, 20.0, 40.0], smooth.X);                                    // seconds, not steps
        Assert.Equal(CurveSmoothing.Ema([4, 3, 2], 0.5).Select(v => (double?)v), smooth.Y);
        Assert.Equal("training time (s)", spec.XTitle);
    }
}
