using Bunit;
using MinRnnLab.Sweeps.Importance;
using MinRnnLab.Web.Components.Shared;

namespace MinRnnLab.Web.Tests.Components;

public class ImportancePanelTests : LabComponentTest
{
    public ImportancePanelTests() => Lab.Sweeps.Add(FakeLab.Status("s1"));

    [Fact]
    public void NothingIsComputedUntilThePanelIsOpenedThenABarPerParameterWithItsSpread()
    {
        Lab.Importance["s1"] = new ImportanceReport(24,
            [new("learning_rate", AxisScale.Log, 0.75, 0.05), new("dropout", AxisScale.Linear, 0.25, 0.05)], ["beta1: takes one value"], null);
        var panel = Render<ImportancePanel>(p => p.Add(x => x.SweepId, "s1"));
        Assert.Equal(0, Lab.ImportanceReads);

        panel.Find(".mud-expand-panel-header").Click();

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=importance-row]").Count));
        Assert.Equal(1, Lab.ImportanceReads);
        var first = panel.FindAll("[data-testid=importance-row]")[0];
        Assert.Contains("learning_rate (log)", first.TextContent);
        Assert.Contains("0.750 ± 0.050", first.TextContent);
        Assert.Contains("width: 75.0%", first.QuerySelector(".importance-bar")!.GetAttribute("style"));
        Assert.Contains("left: 70.0%; width: 10.0%", first.QuerySelector(".importance-spread")!.GetAttribute("style"));
        Assert.Contains("beta1: takes one value", panel.Find("[data-testid=importance-left]").TextContent);
    }

    [Fact]
    public void TooFewTrialsShowTheReasonAndNoBars()
    {
        Lab.Importance["s1"] = new ImportanceReport(3, [], [], "3 finished trials with a result; importance needs at least 8");
        var panel = Render<ImportancePanel>(p => p.Add(x => x.SweepId, "s1"));

        panel.Find(".mud-expand-panel-header").Click();

        panel.WaitForAssertion(() => Assert.Contains("importance needs at least 8", panel.Find("[data-testid=importance-reason]").TextContent));
        Assert.Empty(panel.FindAll("[data-testid=importance-row]"));
    }
}
