using MinRnnLab.Config;

namespace MinRnnLab.Config.Tests;

public class PaperReferenceTests
{
    [Fact]
    public void The_paper_preset_is_the_papers_setup_and_departures_from_it_are_named()
    {
        Assert.Empty(PaperReference.SetupDifferences(PaperReference.Setup));
        var smaller = ConfigBinder.Bind([.. Presets.Get("paper"), new ConfigValue("n_layer", "2", "test")]);
        Assert.Equal(["n_layer 2 (paper 3)"], PaperReference.SetupDifferences(smaller));
        Assert.Equal(1.548, PaperReference.For("mingru")!.BestValLoss);
        Assert.Null(PaperReference.For("gpt2"));
    }
}
