using MinRnnLab.Sweeps.Importance;

namespace MinRnnLab.Client.Tests;

public class ImportanceMarkdownTests
{
    [Fact]
    public void ASweepWithBarsIsATableAndOneWithoutSaysWhy()
    {
        var measured = new ImportanceReport(20, [new("learning_rate", AxisScale.Log, 0.8123, 0.0456), new("arch", AxisScale.Categorical, 0.1877, 0.0456)],
            ["beta1: takes one value"], null);
        var tooFew = new ImportanceReport(3, [], [], "3 finished trials with a result; importance needs at least 8");

        var text = ImportanceMarkdown.Render([("sweep-a", measured), ("sweep-b", tooFew)]);

        Assert.StartsWith("## Hyperparameter importance", text);
        Assert.Contains("### `sweep-a`", text);
        Assert.Matches(@"\| learning_rate \| log \| 0\.812 \| 0\.046 \|", text);
        Assert.Matches(@"\| arch \| categorical \| 0\.188 \| 0\.046 \|", text);
        Assert.Contains("Not analysed: beta1: takes one value.", text);
        Assert.Contains("### `sweep-b`", text);
        Assert.Contains("None: 3 finished trials with a result; importance needs at least 8.", text);
    }

    [Fact]
    public void OneSweepHasNoSubheadingAndNoSweepsNoSection()
    {
        var tooFew = new ImportanceReport(0, [], [], "0 finished trials with a result; importance needs at least 8");

        Assert.DoesNotContain("###", ImportanceMarkdown.Render([("only", tooFew)]));
        Assert.Equal("", ImportanceMarkdown.Render([]));
    }
}
