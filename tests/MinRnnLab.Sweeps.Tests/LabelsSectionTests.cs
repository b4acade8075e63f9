namespace MinRnnLab.Sweeps.Tests;

/// <summary>The sweep file's `tags:` and `notes:`: what a sweep starts labelled with, bounded like every later edit.</summary>
public class LabelsSectionTests
{
    [Fact]
    public void TagsAndNotesAreReadIntoTheDefinition()
    {
        var parsed = SweepParser.Parse(Sweeps.GridHeader + "tags: [baseline, lr-scan, v2.1]\nnotes: |\n  first line\n  second line\n", "t.yaml");

        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        Assert.Equal(["baseline", "lr-scan", "v2.1"], parsed.Definition!.Tags);
        Assert.Equal("first line\nsecond line", parsed.Definition.Notes);
    }

    [Fact]
    public void AFileWithoutThemHasNone()
    {
        var parsed = SweepParser.Parse(Sweeps.GridHeader, "t.yaml");

        Assert.Empty(parsed.Definition!.Tags);
        Assert.Equal("", parsed.Definition.Notes);
    }

    [Fact]
    public void NotesLongerThanTheBoundAreRefusedWithTheirLength()
    {
        var parsed = SweepParser.Parse(Sweeps.GridHeader + $"notes: {new string('x', 4_001)}\n", "t.yaml");

        var error = Assert.Single(parsed.Errors);
        Assert.Equal((4, 8), (error.Line, error.Column));
        Assert.Contains("notes: expected at most 4000 characters, found 4001", error.Message);
    }
}
