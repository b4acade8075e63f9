using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>The compare tray, its shareable link, and the config diff the Compare page shows.</summary>
public class CompareTrayTests
{
    [Fact]
    public void RunIdsSurviveTheLinkEvenWithSlashesAndCommas()
    {
        string[] ids = ["sweep-a/0", "odd,name/3"];

        var href = CompareLinks.Href(ids);

        Assert.Equal("compare?runs=sweep-a%2F0,odd%2Cname%2F3", href);
        Assert.Equal(ids, CompareLinks.Parse(href["compare?runs=".Length..]));
    }

    [Fact]
    public void ParsingDropsBlanksAndRepeats()
    {
        Assert.Equal(["a/1", "b/2"], CompareLinks.Parse(" a/1,,b/2,a/1, "));
        Assert.Empty(CompareLinks.Parse(null));
    }

    [Fact]
    public void TheTrayKeepsTheOrderPickedAndRefusesMoreThanItsLimit()
    {
        var tray = new CompareTray();
        var changes = 0;
        tray.Changed += () => changes++;

        for (var i = 0; i < CompareTray.MaxRuns; i++)
            Assert.True(tray.Set($"s/{i}", true));
        Assert.False(tray.Set("s/extra", true));
        Assert.True(tray.Set("s/3", false));

        Assert.Equal(CompareTray.MaxRuns - 1, tray.RunIds.Count);
        Assert.Equal("s/0", tray.RunIds[0]);
        Assert.DoesNotContain("s/extra", tray.RunIds);
        Assert.Equal(CompareTray.MaxRuns + 1, changes);
    }

    [Fact]
    public void RestoringKeepsRunsPickedInThisCircuitFirst()
    {
        var tray = new CompareTray();
        tray.Set("new/1", true);

        tray.Restore(["old/1", "new/1", " ", "old/2"]);

        Assert.Equal(["new/1", "old/1", "old/2"], tray.RunIds);
    }

    [Fact]
    public void AConfigIsFlattenedToDottedKeys()
    {
        var flat = ConfigDiff.Flatten("""{"model": {"arch": "mingru", "n_embd": 64}, "train": {"learning_rate": 0.001, "betas": [0.9, 0.95]}}""");

        Assert.Equal("mingru", flat["model.arch"]);
        Assert.Equal("64", flat["model.n_embd"]);
        Assert.Equal("0.001", flat["train.learning_rate"]);
        Assert.Equal("[0.9, 0.95]", flat["train.betas"]);
    }

    [Fact]
    public void OnlyKeysThatDifferAreListedWithAValuePerRunAndNullWhereMissing()
    {
        var a = ConfigDiff.Flatten("""{"model": {"arch": "mingru", "n_embd": 64}, "train": {"seed": 1}}""");
        var b = ConfigDiff.Flatten("""{"model": {"arch": "mingru", "n_embd": 128}, "train": {"seed": 1, "dropout": 0.1}}""");

        var rows = ConfigDiff.Differing([a, b]);

        Assert.Equal(["model.n_embd", "train.dropout"], rows.Select(r => r.Key));
        Assert.Equal(["64", "128"], rows[0].Values);
        Assert.Equal([null, "0.1"], rows[1].Values);
    }

    [Fact]
    public void AConfigThatIsNotJsonIsRefusedSayingSo()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfigDiff.Flatten("{not json"));
        Assert.Contains("config is not valid JSON", error.Message);
    }
}
