namespace MinRnnLab.Cli.Tests;

/// <summary>
/// `serve` with a long stop grace (MINRNN_STOP_GRACE=120, as scripts/paper-cpu.sh sets it) gives that time to its
/// trials: session 8's stop of the paper sweep killed a Mamba trial mid-step after the default 20 s while `serve` had
/// 120 s to spare.
/// </summary>
public class TrialGraceTests
{
    [Fact]
    public void ALongStopGraceReachesTheTrialsLessTheHandBack() =>
        Assert.Equal(TimeSpan.FromSeconds(105), LabConnection.TrialGrace(TimeSpan.FromSeconds(120)));

    [Fact]
    public void TheDefaultStopGraceKeepsTheTrialsDefault() =>
        Assert.Equal(TimeSpan.FromSeconds(20), LabConnection.TrialGrace(TimeSpan.FromSeconds(30)));
}
