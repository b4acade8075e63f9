using Bunit;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Components.Shared;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

public class PaperComparisonTests : LabComponentTest
{
    private static RunConfig Paper(double learningRate) =>
        PaperReference.Setup with { Train = PaperReference.Setup.Train with { LearningRate = learningRate } };

    [Fact]
    public void EveryConfigurationsSetupIsNamedNotOnlyTheFirstTrials()
    {
        var paperRate = PaperReference.Setup.Train.LearningRate;
        var notes = PaperSetups.From([("mingru learning_rate=0.003", Paper(0.003)), ("mingru learning_rate=0.01", Paper(0.01)),
            ("transformer", Paper(paperRate)), ("mamba learning_rate=0.003", Paper(0.003))]);

        var note = Render<PaperComparison>(p => p.Add(x => x.Rows, []).Add(x => x.SetupNotes, notes));

        var lines = note.FindAll("[data-testid=paper-setup-note]").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("mingru learning_rate=0.003, mamba learning_rate=0.003: learning_rate 0.003", lines[0]);
        Assert.StartsWith("mingru learning_rate=0.01: learning_rate 0.01", lines[1]);
        Assert.Equal("transformer: same setup as the paper", lines[2]);
    }

    [Fact]
    public void ConfigurationsSharingOneSetupGetOneSentence()
    {
        var notes = PaperSetups.From([("mingru", Paper(0.003)), ("transformer", Paper(0.003))]);

        var note = Render<PaperComparison>(p => p.Add(x => x.Rows, []).Add(x => x.SetupNotes, notes));

        Assert.Contains("compare trends, not values: learning_rate 0.003", note.Find("[data-testid=paper-setup]").TextContent);
        Assert.Empty(note.FindAll("[data-testid=paper-setup-note]"));
    }

    [Fact]
    public void TheSweepPageHoldsEachConfigurationsFrozenConfigAgainstThePaper()
    {
        Lab.Sweeps.Add(FakeLab.Status("s1"));
        Lab.Trials["s1"] = [FakeLab.Trial("s1", 0, "mingru", RunState.Succeeded, 2.0), FakeLab.Trial("s1", 1, "transformer", RunState.Succeeded, 2.1)];

        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, "s1"));

        // The fake's specs are default configs: both configurations depart from the paper the same way, in one sentence.
        page.WaitForAssertion(() => Assert.Contains("Different setup from the paper's", page.Find("[data-testid=paper-setup]").TextContent));
        var differences = PaperReference.SetupDifferences(ConfigJson.Deserialize("{}"));
        Assert.NotEmpty(differences);
        Assert.Contains(string.Join("; ", differences), page.Find("[data-testid=paper-setup]").TextContent);
    }
}
