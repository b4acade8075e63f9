namespace MinRnnLab.Sweeps.Tests;

public class RetentionSectionTests
{
    [Fact]
    public void RetentionIsReadIntoTheDefinitionAndKeepsEverythingWithoutIt()
    {
        var parsed = SweepParser.Parse(Sweeps.GridHeader + "retention: {checkpoints: best_and_latest, top_k: 3}\n", "r.yaml");
        var best = SweepParser.Parse(Sweeps.GridHeader + "retention: {checkpoints: best}\n", "r.yaml");

        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        Assert.Equal(new Retention(CheckpointRetention.BestAndLatest, 3), parsed.Definition!.Retention);
        Assert.Equal(new Retention(CheckpointRetention.Best, null), best.Definition!.Retention);
        Assert.True(SweepParser.Parse(Sweeps.GridHeader, "r.yaml").Definition!.Retention.KeepsEverything);
    }

    [Theory]
    [InlineData("retention: {checkpoints: bestest}", 4, 26, "retention checkpoints")]
    [InlineData("retention: {top_k: 0}", 4, 20, "retention top_k")]
    [InlineData("retention: {keep: best}", 4, 13, "retention setting")]
    [InlineData("retention: best", 4, 12, "retention")]
    public void ABadRetentionIsALocatedError(string line, int row, int column, string named)
    {
        var parsed = SweepParser.Parse(Sweeps.GridHeader + line + "\n", "r.yaml");

        var error = Assert.Single(parsed.Errors);
        Assert.Equal((row, column), (error.Line, error.Column));
        Assert.Contains(named, error.Message);
    }
}
