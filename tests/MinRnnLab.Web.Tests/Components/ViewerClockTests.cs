using Bunit;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Components.Shared;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

public class ViewerClockTests : LabComponentTest
{
    private static readonly DateTimeOffset Instant = new(2026, 7, 1, 12, 34, 56, TimeSpan.Zero);

    [Fact]
    public void TimesAreIso8601WithSecondsInTheViewersZone()
    {
        Assert.Equal("2026-07-01 14:34:56 +02:00", ViewerClock.FromBrowser("Europe/Berlin", 120).Format(Instant));  // summer time, from the zone
        Assert.Equal("2026-07-01 07:04:56 -05:30", ViewerClock.FromBrowser("", -330).Format(Instant));             // no zone name: the offset
        Assert.Equal("2026-07-01 12:34:56 +00:00", ViewerClock.Utc.Format(Instant));
        Assert.Equal("–", ViewerClock.Utc.Format((DateTimeOffset?)null));
    }

    [Fact]
    public void TheSweepListShowsCreationTimesInTheCascadedZone()
    {
        Lab.Sweeps.Add(FakeLab.Status("s1") with { CreatedAt = Instant });

        var table = Render<SweepTable>(p => p
            .Add(x => x.Sweeps, Lab.Sweeps)
            .AddCascadingValue(ViewerClock.FromBrowser("America/New_York", -240)));

        var time = table.Find("[data-testid=local-time]");
        Assert.Equal("2026-07-01 08:34:56 -04:00", time.TextContent);
        Assert.Equal("2026-07-01T12:34:56.0000000Z", time.GetAttribute("datetime"));
    }

    [Fact]
    public void AQueuedRunSaysItIsWaitingForADeviceNotAttemptZero()
    {
        var spec = new RunSpec("s/0", "s", 0, "mingru", [], 1, new RunConfig(), 1, null, "cuda");
        var queued = new RunStatus("s/0", "s", "mingru", RunState.Queued, 0, null, 0, null, null, null, null, null, null, null, null, 0);

        Assert.Equal("not started: waiting for a free cuda device (up to 2 attempts)", RunDetail.AttemptText(queued, spec));
        Assert.Equal("2 of at most 2", RunDetail.AttemptText(queued with { State = RunState.Running, Attempt = 2 }, spec));
    }
}
