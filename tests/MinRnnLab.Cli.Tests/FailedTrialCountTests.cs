using MinRnnLab.Abstractions;
using MinRnnLab.Cli.Commands;

namespace MinRnnLab.Cli.Tests;

/// <summary>A sweep with failed trials says how many wherever its progress is shown: `sweep list` and `sweep status` here.</summary>
public class FailedTrialCountTests
{
    [Fact]
    public void ProgressNamesTheFailedTrials()
    {
        var status = Status(new() { [RunState.Succeeded] = 3, [RunState.Failed] = 2, [RunState.Running] = 1 });

        Assert.Equal("5/6 (83 %), 2 failed", SweepCommands.Progress(status));
    }

    [Fact]
    public void ProgressWithoutFailuresSaysNothingOfThem()
    {
        Assert.Equal("3/6 (50 %)", SweepCommands.Progress(Status(new() { [RunState.Succeeded] = 3 })));
    }

    private static SweepStatus Status(Dictionary<RunState, int> byState) =>
        new("s", "s", SweepState.Running, "grid", 6, byState, [], DateTimeOffset.UnixEpoch, "val_loss", null);
}
