using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

public class SweepPageReadsTests
{
    [Fact]
    public async Task TabsWhoseNeedCameBeforeAReadShareItAndANeedAfterItReadsAgain()
    {
        var lab = new FakeLab();
        lab.Sweeps.Add(FakeLab.Status("s"));
        var reads = new SweepPageReads(lab);

        var seen = SweepPageReads.Now();                                               // two tabs saw the same change
        var first = await reads.GetAsync("s", 10, seen);
        var second = await reads.GetAsync("s", 10, seen);
        Assert.Equal(1, lab.PageReads);
        Assert.Same(first, second);

        var later = SweepPageReads.Now();                                              // a change after that read began
        await reads.GetAsync("s", 10, later);
        Assert.Equal(2, lab.PageReads);
        await reads.GetAsync("s", 20, later);                                          // another plan length is another read
        Assert.Equal(3, lab.PageReads);
    }

    [Fact]
    public async Task AnUnknownSweepReadsAsNullForEveryTab()
    {
        var lab = new FakeLab();
        var reads = new SweepPageReads(lab);
        Assert.Null(await reads.GetAsync("missing", 10, SweepPageReads.Now()));
    }
}
