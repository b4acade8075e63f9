using MinRnnLab.Abstractions;
using MinRnnLab.Client.Runs;

namespace MinRnnLab.Client.Tests;

public class RunFilterTests
{
    private static readonly SweepStatus Paper = Sweep("paper-1", "paper", "baseline");
    private static readonly SweepStatus Tiny = Sweep("tiny-1", "tiny");

    private static readonly RunRow[] Rows =
    [
        Row(Paper, 0, "mingru", ("learning_rate", "1e-3"), ("n_embd", "48")) with { FinalValLoss = new MetricPoint(500, "val_loss", 1.95) },
        Row(Paper, 1, "mingru", ("learning_rate", "3e-3"), ("n_embd", "48"), best: 2.1),
        Row(Paper, 2, "minlstm", ("learning_rate", "0.003"), ("n_embd", "32"), best: 1.80),
        Row(Tiny, 0, "mamba", ("learning_rate", "1e-2"), ("n_embd", "32"), best: null, state: RunState.Failed),
    ];

    private static readonly IReadOnlyList<RunColumn> Columns = RunColumns.Of(Rows);

    [Theory]
    [InlineData("", "paper-1/0 paper-1/1 paper-1/2 tiny-1/0")]
    [InlineData("arch = mingru and learning_rate < 3e-3", "paper-1/0")]
    [InlineData("ARCH=MinGRU", "paper-1/0 paper-1/1")]
    [InlineData("learning_rate = 0.003", "paper-1/1 paper-1/2")]
    [InlineData("learning_rate >= 3e-3 && n_embd = 48", "paper-1/1")]
    [InlineData("arch = mingru|mamba", "paper-1/0 paper-1/1 tiny-1/0")]
    [InlineData("state != succeeded", "tiny-1/0")]
    [InlineData("best < 1.9", "paper-1/2")]
    [InlineData("final > 1.9", "paper-1/0")]
    [InlineData("tag = baseline", "paper-1/0 paper-1/1 paper-1/2")]
    [InlineData("tag != baseline", "tiny-1/0")]
    [InlineData("sweep ~ TIN", "tiny-1/0")]
    [InlineData("mamba", "tiny-1/0")]
    [InlineData("\"paper / 2\"", "paper-1/2")]
    public void AFilterKeepsTheRunsItDescribes(string filter, string expected)
    {
        var (parsed, error) = RunFilter.Parse(filter, Columns);

        Assert.Null(error);
        Assert.Equal(expected.Split(' '), Rows.Where(parsed!.Matches).Select(r => r.RunId));
    }

    [Theory]
    [InlineData("lr < 3e-3", "no column 'lr'")]
    [InlineData("arch < mingru", "'<' compares numbers, and 'mingru' is not one")]
    [InlineData("arch = mingru and", "an empty clause")]
    [InlineData("arch = mingru and  and best < 2", "an empty clause")]
    [InlineData("tag < 3", "tags are matched with")]
    [InlineData("best =", "nothing after '='")]
    public void ABadFilterSaysWhichClauseAndWhy(string filter, string message)
    {
        var (parsed, error) = RunFilter.Parse(filter, Columns);

        Assert.Null(parsed);
        Assert.Contains(message, error);
    }

    [Fact]
    public void SortingIsNumericForNumbersAndPutsMissingValuesLastBothWays()
    {
        var best = Columns.Single(c => c.Key == "best");
        var width = Columns.Single(c => c.Key == "n_embd");

        Assert.Equal(["paper-1/2", "paper-1/0", "paper-1/1", "tiny-1/0"], RunSorting.Sort(Rows, best, descending: false).Select(r => r.RunId));
        Assert.Equal(["paper-1/1", "paper-1/0", "paper-1/2", "tiny-1/0"], RunSorting.Sort(Rows, best, descending: true).Select(r => r.RunId));
        Assert.True(width.IsNumeric);
        Assert.Equal(["paper-1/2", "tiny-1/0", "paper-1/0", "paper-1/1"], RunSorting.Sort(Rows, width, descending: false).Select(r => r.RunId));
    }

    [Fact]
    public void ColumnsAreTheSummaryThenEverySweptKey()
    {
        Assert.Equal([.. RunColumns.Summary.Select(c => c.Key), "learning_rate", "n_embd"], Columns.Select(c => c.Key));
        Assert.True(Columns.Single(c => c.Key == "learning_rate").IsNumeric);
    }

    private static SweepStatus Sweep(string id, string name, params string[] tags) =>
        new(id, name, SweepState.Completed, "grid", 4, [], [], DateTimeOffset.UnixEpoch, "val_loss", 1.6) { Labels = Labels.None with { Tags = tags } };

    private static RunRow Row(SweepStatus sweep, int index, string arch, (string, string) p1, (string, string) p2,
        double? best = 2.0, RunState state = RunState.Succeeded)
    {
        var trial = new TrialInfo(index, $"{sweep.SweepId}/{index}", arch, 0, new() { [p1.Item1] = p1.Item2, [p2.Item1] = p2.Item2 },
            state, best, best is null ? null : 100, null, 10);
        return new RunRow(sweep, trial, null);
    }
}
