using Bunit;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Web.Components.Shared;
using MinRnnLab.Web.Services;
using MinRnnLab.Web.Services.Curves;
using Plotly.Blazor.Traces;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>Issue 28's 16-run sweep: 4 architectures × n_embd {32, 48} × 2 seeds, named and coloured by what differs.</summary>
public class ConfigurationPaletteTests : LabComponentTest
{
    private static TrialInfo Trial(int index, string arch, string nEmbd, int seed, string lr = "0.001") =>
        new(index, $"s/{index}", arch, seed, new Dictionary<string, string> { ["arch"] = arch, ["n_embd"] = nEmbd, ["learning_rate"] = lr, ["seed"] = $"{seed}" },
            RunState.Succeeded, 2.0, 20, null, 10);

    private static readonly TrialInfo[] Sweep = new[] { "mingru", "mamba" }
        .SelectMany(arch => new[] { "32", "48" }.SelectMany(n => new[] { 0, 1 }.Select(seed => (arch, n, seed))))
        .Select((t, i) => Trial(i, t.arch, t.n, t.seed)).ToArray();

    [Fact]
    public void OnlyKeysThatDifferNameAConfiguration()
    {
        Assert.Equal(["n_embd"], ConfigurationPalette.DifferingKeys(Sweep));                // learning_rate is the same everywhere
        Assert.Equal("mingru · n_embd 48", ConfigurationPalette.Name(Sweep[2], ["n_embd"]));
        Assert.Empty(ConfigurationPalette.DifferingKeys([Sweep[0], Sweep[1]]));             // seeds alone differ: no key
    }

    [Fact]
    public void AConfigurationKeepsItsArchitecturesHueInAShadeOfItsOwnAndSeedsShareIt()
    {
        var facts = ConfigurationPalette.Facts(Sweep).ToDictionary(f => f.RunId, f => f.Facts);

        Assert.Equal("mingru · n_embd 48 · seed 1", facts["s/3"].Legend);
        Assert.Equal(facts["s/2"].Color, facts["s/3"].Color);                              // two seeds of one configuration
        Assert.NotEqual(facts["s/0"].Color, facts["s/2"].Color);                           // n_embd 32 against 48
        Assert.Equal(ConfigurationPalette.Shade(ArchColors.For("mingru"), 0, 2), facts["s/0"].Color);
        Assert.Equal(ArchColors.For("mingru"), ConfigurationPalette.Shade(ArchColors.For("mingru"), 0, 1));
        Assert.Equal("#000000", ConfigurationPalette.Shade("#000000", 0, 2));              // darker: towards black
        Assert.NotEqual(facts["s/0"].Color, facts["s/4"].Color);                           // another architecture
    }

    [Fact]
    public void PerRunCurvesAreNamedAndColouredByConfiguration()
    {
        var facts = ConfigurationPalette.Facts(Sweep).ToDictionary(f => f.RunId, f => f.Facts);
        var run = new RunCurves("s/3", "mingru");
        run.Add(new MetricSeries("s/3", MetricNames.ValLoss, [0, 10], [4.0, 3.0], 2));

        var traces = LossTraces.Build([run, Other()], new LossTraceOptions([MetricNames.ValLoss], 400, new CurveView(), 24, facts));

        var trace = Assert.Single(traces.Data.Cast<Scatter>(), t => t.Name!.Contains("n_embd 48"));
        Assert.Equal("mingru · n_embd 48 · seed 1 val", trace.Name);
        Assert.Equal(facts["s/3"].Color, trace.Line.Color);
        Assert.Equal("mingru #3 · n_embd 48 · seed 1", LossTraces.Describe(run, facts));

        static RunCurves Other()
        {
            var other = new RunCurves("s/0", "mingru");
            other.Add(new MetricSeries("s/0", MetricNames.ValLoss, [0, 10], [4.0, 3.5], 2));
            return other;
        }
    }

    [Fact]
    public void BandsAreDrawnPerConfigurationWithItsNameAndShade()
    {
        var curves = Sweep.Take(4).ToDictionary(t => t.RunId, t =>
        {
            var run = new RunCurves(t.RunId, t.Arch);
            run.Add(new MetricSeries(t.RunId, MetricNames.ValLoss, [0, 10], [4.0, 3.0 + 0.1 * t.Index], 2));
            return run;
        });

        var chart = Render<SeedBandChart>(p => p.Add(x => x.Trials, Sweep.Take(4).ToArray()).Add(x => x.Curves, curves).Add(x => x.ShowTrain, false));

        var legend = chart.Find("[data-testid=seed-band-chart]").GetAttribute("data-legend")!.Split(" | ");
        var colors = ConfigurationPalette.Colors(Sweep.Take(4).ToArray(), ["n_embd"]);
        Assert.Equal([$"mingru · n_embd 32 (2 seeds) val {colors["mingru · n_embd 32"]}", $"mingru · n_embd 48 (2 seeds) val {colors["mingru · n_embd 48"]}"], legend);
    }
}
