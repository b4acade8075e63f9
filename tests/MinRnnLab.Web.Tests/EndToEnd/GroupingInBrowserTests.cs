using Microsoft.Playwright;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// Issue 28's grouping and seed statistics in Chromium against the real app and real training: two configurations of
/// one architecture (one layer or two), two seeds each. The bands group by the key they differ in until the reader
/// unticks it, the address keeps the choice, and the seed statistics never pool the two configurations as four seeds.
/// </summary>
[Collection(WebAppCollection.Name)]
public class GroupingInBrowserTests(WebAppFixture web)
{
    private const string TwoDepths = """
        name: e2e-grouping
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: 4, eval_interval: 2, n_embd: 16, block_size: 16, eval_iters: 1}
        parameters:
          arch: {values: [mingru]}
          n_layer: {values: [1, 2]}
        seeds: 2
        """;

    // A band per group and metric (val and train): the validation bands are the groups.
    private static string ValBands(int count) => $"c => c.series.filter(s => s.band && s.name.endsWith(' val')).length === {count}";

    private static string BandNames(System.Text.Json.JsonElement chart) => string.Join(" | ", chart.GetProperty("series").EnumerateArray()
        .Where(s => s.GetProperty("band").GetBoolean()).Select(s => s.GetProperty("name").GetString()).Order());

    [Fact]
    public async Task BandsGroupByTheDifferingKeyTheAddressKeepsTheChoiceAndSeedsOfTwoConfigurationsAreNeverPooled()
    {
        var submitted = await web.Lab.SubmitSweepAsync(TwoDepths, "e2e-grouping.yaml");
        Assert.Empty(submitted.Errors);
        var sweepId = submitted.Status!.SweepId;
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var final = await web.Lab.WaitForSweepAsync(sweepId, TimeSpan.FromMilliseconds(200), patience.Token);
        Assert.Equal(4, final.RunsByState.GetValueOrDefault(RunState.Succeeded));
        var page = await web.NewPageAsync();

        // By every differing key at first: a band per depth, each over its two seeds.
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}?curves=bands");
        var grouped = await DrawnCurves.WaitForAsync(page, "sweep-bands", ValBands(2));
        var names = BandNames(grouped);
        Assert.Contains("mingru · n_layer 1 (2 seeds) val", names);
        Assert.Contains("mingru · n_layer 2 (2 seeds) val", names);
        var box = page.Locator("[data-testid=group-by-n_layer] input").Or(page.Locator("input[data-testid=group-by-n_layer]"));
        await Assertions.Expect(box).ToBeCheckedAsync();

        // Unticked: the architecture alone, one band over all four runs; the address says so and a reload keeps it.
        await box.ClickAsync();
        var merged = await DrawnCurves.WaitForAsync(page, "sweep-bands", ValBands(1));
        Assert.Contains("mingru (4 seeds) val", BandNames(merged));
        await page.WaitForURLAsync(url => url.Contains("group=", StringComparison.Ordinal));
        await page.ReloadAsync();
        await DrawnCurves.WaitForAsync(page, "sweep-bands", ValBands(1));
        await Assertions.Expect(box).Not.ToBeCheckedAsync();

        // The seed statistics: one row for the architecture, its best configuration over that configuration's two
        // seeds, and a row per configuration with its own n; never one row of four seeds.
        var byArchitecture = page.Locator("[data-testid=seed-row]");
        await Assertions.Expect(byArchitecture).ToHaveCountAsync(1);
        await Assertions.Expect(byArchitecture.Locator("[data-testid=seed-row-best-of]")).ToContainTextAsync("(best of 2 configurations)");
        await Assertions.Expect(byArchitecture.Locator("td").Nth(1)).ToHaveTextAsync("2");
        var byConfiguration = page.Locator("[data-testid=seed-row-configuration]");
        await Assertions.Expect(byConfiguration).ToHaveCountAsync(2);
        await Assertions.Expect(byConfiguration.Locator("td:nth-child(2)")).ToHaveTextAsync(["2", "2"]);
        await page.CloseAsync();
    }
}
