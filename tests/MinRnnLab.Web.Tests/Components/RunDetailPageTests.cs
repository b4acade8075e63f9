using Bunit;
using MinRnnLab.Abstractions;
using MinRnnLab.Web.Components.Pages;

namespace MinRnnLab.Web.Tests.Components;

public class RunDetailPageTests : LabComponentTest
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public RunDetailPageTests()
    {
        Lab.Attempts["s1/0"] =
        [
            new(1, "host-1-a1b2c3/cpu#0", Start, Start.AddMinutes(2), RunState.Preempted, "lease of host-1-a1b2c3/cpu#0 expired", null, 47, [10, 20, 30, 40]),
            new(2, "host-2-d4e5f6/cpu#0", Start.AddMinutes(3), Start.AddMinutes(5), RunState.Succeeded, null, 40, 120, [50, 100, 120], 110,
                new AttemptUsage(1_234_000_000, 95.24)),
        ];
        Lab.Checkpoints["s1/0"] =
        [
            new CheckpointInfo(100, Start.AddMinutes(4), 3 << 20, CheckpointKind.Best),
            new CheckpointInfo(120, Start.AddMinutes(5), 3 << 20, CheckpointKind.Latest),
        ];
        // A run trained before best checkpoints were kept: only its latest is on disk.
        Lab.Checkpoints["s3/0"] = [new CheckpointInfo(80, Start, 1 << 20)];
        Lab.Logs["s1/0"] =
        [
            "2025-06-01T12:03:00.000Z resumed from step 40, attempt 2 on worker host-2-d4e5f6/cpu#0 (cpu)",
            "2025-06-01T12:04:59.000Z step 120: train loss 1.9000, val loss 2.0000",
        ];
    }

    [Fact]
    public void ShowsOneRowPerAttemptTheCheckpointOnDiskAndTheLogTail()
    {
        var page = Render<RunDetail>(p => p.Add(x => x.SweepId, "s1").Add(x => x.Index, 0));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=attempt-row]").Count));
        var rows = page.FindAll("[data-testid=attempt-row]");
        Assert.Contains("Preempted", rows[0].TextContent);
        Assert.Contains("lease of host-1-a1b2c3/cpu#0 expired", rows[0].TextContent);
        Assert.Contains("Succeeded", rows[1].TextContent);
        Assert.Contains("step 40", rows[1].TextContent);
        Assert.Equal("—", rows[0].QuerySelector("[data-testid=attempt-peak-memory]")!.TextContent);    // trained in its silo's process
        Assert.Equal("1.23 GB", rows[1].QuerySelector("[data-testid=attempt-peak-memory]")!.TextContent);
        Assert.Equal("95.2 s", rows[1].QuerySelector("[data-testid=attempt-cpu]")!.TextContent);
        Assert.Contains("step 120", page.Find("[data-testid=checkpoint-latest]").TextContent);
        Assert.Contains("MB", page.Find("[data-testid=checkpoint-latest]").TextContent);
        Assert.Contains("Best: step 100", page.Find("[data-testid=checkpoint-best]").TextContent);
        Assert.Equal(2, page.FindAll("[data-testid=checkpoint-steps]").Count);
        var log = page.Find("[data-testid=run-log]").TextContent;
        Assert.Contains("resumed from step 40, attempt 2", log);
        Assert.Contains("step 120: train loss 1.9000, val loss 2.0000", log);
    }

    [Fact]
    public void TextIsSampledFromTheBestCheckpointUnlessTheLatestIsAskedFor()
    {
        var page = Render<RunDetail>(p => p.Add(x => x.SweepId, "s1").Add(x => x.Index, 0));
        page.WaitForAssertion(() => Assert.Contains("best checkpoint (step 100)", page.Find("[data-testid=sample-source]").TextContent));

        page.Find("[data-testid=sample-button]").Click();
        page.Find("[data-testid=sample-box] input[type=checkbox]").Change(true);
        page.Find("[data-testid=sample-button]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, Lab.SampleRequests.Count));
        Assert.Equal([CheckpointKind.Best, CheckpointKind.Latest], Lab.SampleRequests.Select(r => r.Checkpoint));
        Assert.Contains("latest checkpoint (step 120)", page.Find("[data-testid=sample-source]").TextContent);
    }

    [Fact]
    public void ARunStoredBeforeBestCheckpointsSamplesItsLatest()
    {
        var page = Render<RunDetail>(p => p.Add(x => x.SweepId, "s3").Add(x => x.Index, 0));

        page.WaitForAssertion(() => Assert.Contains("latest checkpoint (step 80)", page.Find("[data-testid=sample-source]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=checkpoint-best]"));
    }

    [Fact]
    public void ARunWithoutHistorySaysSoInsteadOfShowingEmptyBoxes()
    {
        var page = Render<RunDetail>(p => p.Add(x => x.SweepId, "s2").Add(x => x.Index, 0));

        page.WaitForAssertion(() => Assert.Contains("no log yet", page.Find("[data-testid=run-log-empty]").TextContent));
        Assert.Contains("none recorded yet", page.Find("[data-testid=run-attempts]").TextContent);
        Assert.Contains("none on disk yet", page.Find("[data-testid=checkpoint-latest]").TextContent);
    }

    [Fact]
    public async Task LiveProgressRereadsTheLogTail()
    {
        var page = Render<RunDetail>(p => p.Add(x => x.SweepId, "s1").Add(x => x.Index, 0));
        page.WaitForAssertion(() => Assert.Contains("step 120", page.Find("[data-testid=run-log]").TextContent));

        Lab.Logs["s1/0"].Add("2025-06-01T12:05:00.000Z succeeded at step 120: final val loss 2.0000");
        await Lab.Live.Writer.WriteAsync(new RunProgress("s1/0", RunState.Succeeded, 120, 120, [], 2.0));

        page.WaitForAssertion(() => Assert.Contains("succeeded at step 120", page.Find("[data-testid=run-log]").TextContent), BeforeCatchUp);
    }
}
