using MinRnnLab.Config;
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
    public void AConfigIsFlattenedToDottedKeysSpelledAsInAConfigFile()
    {
        var flat = ConfigDiff.Flatten(new RunConfig(new ModelConfig { Arch = Architecture.MinGru, NEmbd = 64 }, new TrainConfig { LearningRate = 0.001 }));

        Assert.Equal("mingru", flat["model.arch"]);
        Assert.Equal("64", flat["model.n_embd"]);
        Assert.Equal("0.001", flat["train.learning_rate"]);
        Assert.Equal("null", flat["model.block"]);                                     // unset: the architecture's own
        Assert.Subset(flat.Keys.Select(k => k[(k.IndexOf('.') + 1)..]).ToHashSet(), ConfigKeys.All.ToHashSet());   // every key
    }

    [Fact]
    public void OnlyKeysThatDifferAreListedWithAValuePerRunAndNullWhereMissing()
    {
        var a = ConfigDiff.Flatten(new RunConfig(new ModelConfig { Arch = Architecture.MinGru, NEmbd = 64 }, new TrainConfig { Seed = 1 }));
        var b = ConfigDiff.Flatten(new RunConfig(new ModelConfig { Arch = Architecture.MinGru, NEmbd = 128 }, new TrainConfig { Seed = 1, Beta1 = 0.8 }));
        var fromElsewhere = new Dictionary<string, string>(a) { ["train.only_here"] = "x" };

        var rows = ConfigDiff.Differing([a, b, fromElsewhere]);

        Assert.Equal(["model.n_embd", "train.beta1", "train.only_here"], rows.Select(r => r.Key));
        Assert.Equal(["64", "128", "64"], rows[0].Values);
        Assert.Equal(["0.9", "0.8", "0.9"], rows[1].Values);
        Assert.Equal([null, null, "x"], rows[2].Values);
    }
}
