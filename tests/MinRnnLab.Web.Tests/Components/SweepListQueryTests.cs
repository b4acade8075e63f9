using MinRnnLab.Abstractions;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>The sweeps list's search, tag filter and order.</summary>
public class SweepListQueryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static SweepStatus Sweep(string id, int day, string[] tags, string notes = "", double? best = null) =>
        FakeLab.Status(id) with
        {
            CreatedAt = Start.AddDays(day),
            BestByArch = best is null ? [] : new() { ["mingru"] = best.Value },
            Labels = new Labels(null, tags, notes),
        };

    private static readonly SweepStatus[] Sweeps =
    [
        Sweep("alpha", 1, ["baseline"], "lr 3e-3 was too high", best: 2.1),
        Sweep("beta", 3, ["Baseline", "mamba"], best: 1.9),
        Sweep("gamma", 2, [], "wider model"),
    ];

    [Fact]
    public void ATagKeepsTheSweepsThatCarryItIgnoringCase()
    {
        var kept = new SweepListQuery(Tag: "baseline").Apply(Sweeps);

        Assert.Equal(["beta", "alpha"], kept.Select(s => s.SweepId));
    }

    [Fact]
    public void EveryWordOfTheSearchMustAppearInTheIdNameTagsOrNotes()
    {
        Assert.Equal(["alpha"], new SweepListQuery("TOO high").Apply(Sweeps).Select(s => s.SweepId));
        Assert.Equal(["beta"], new SweepListQuery("mam").Apply(Sweeps).Select(s => s.SweepId));
        Assert.Empty(new SweepListQuery("wider alpha").Apply(Sweeps));
    }

    [Fact]
    public void OrdersPutTheNewestTheBestOrTheNameFirst()
    {
        Assert.Equal(["beta", "gamma", "alpha"], new SweepListQuery().Apply(Sweeps).Select(s => s.SweepId));
        Assert.Equal(["alpha", "gamma", "beta"], new SweepListQuery(Order: SweepOrder.Oldest).Apply(Sweeps).Select(s => s.SweepId));
        Assert.Equal(["beta", "alpha", "gamma"], new SweepListQuery(Order: SweepOrder.BestLoss).Apply(Sweeps).Select(s => s.SweepId));
        Assert.Equal(["alpha", "beta", "gamma"], new SweepListQuery(Order: SweepOrder.Name).Apply(Sweeps).Select(s => s.SweepId));
    }

    [Fact]
    public void TheFiltersChoicesAreEveryTagOnceWithItsCount()
    {
        Assert.Equal([("baseline", 2), ("mamba", 1)], SweepListQuery.TagsOf(Sweeps));
    }
}
