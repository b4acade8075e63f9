using System.Text;
using Bunit;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Components.Shared;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

public class NewSweepPageTests : LabComponentTest
{
    private const string Valid = """
        name: ok
        metric: {name: val_loss, goal: minimize}
        method: grid
        base: {preset: tiny}
        parameters:
          arch: {values: [transformer, mingru]}
        """;

    [Fact]
    public async Task AMalformedSweepShowsEachErrorAtItsLineAndColumnAndCannotBeSubmitted()
    {
        var page = Render<NewSweep>();

        await page.TypeAsync(Valid.Replace("method: grid", "method: gird"));

        page.WaitForCheck(() => Assert.Contains("line 3, column 9", page.Find("[data-testid=sweep-errors]").TextContent));
        Assert.Contains("gird", page.Find("[data-testid=sweep-errors]").TextContent);
        Assert.Single(page.FindAll(".gutter span.error"));
        Assert.Equal("3", page.Find(".gutter span.error").TextContent);
        Assert.True(page.Find("[data-testid=submit-sweep]").HasAttribute("disabled"));
        Assert.Empty(Lab.Submitted);
    }

    [Fact]
    public async Task AValidSweepShowsItsTrialCountAndSubmits()
    {
        var page = Render<NewSweep>();

        await page.TypeAsync(Valid);

        page.WaitForCheck(() => Assert.Contains("Valid: 2 trial(s)", page.Find("[data-testid=sweep-valid]").TextContent));
        page.Find("[data-testid=submit-sweep]").Click();
        Assert.Equal([Valid], Lab.Submitted);
    }

    [Fact]
    public async Task TextUpToTheUploadCapIsChecked()
    {
        var page = Render<NewSweep>();
        var large = PaddedSweep.To(Valid, SweepCheck.MaxBytes);

        await page.TypeAsync(large);

        page.WaitForCheck(() => Assert.Contains("Valid: 2 trial(s)", page.Find("[data-testid=sweep-valid]").TextContent));
        Assert.Equal(SweepCheck.MaxBytes, Encoding.UTF8.GetByteCount(large));
    }

    [Fact]
    public async Task TextOverTheCapIsRefusedWithItsSizeAndNoResultOfEarlierTextRemains()
    {
        var page = Render<NewSweep>();
        await page.TypeAsync(Valid.Replace("method: grid", "method: gird"));
        page.WaitForCheck(() => page.Find("[data-testid=sweep-errors]"));

        // What the browser sends for text over the cap: its size, not the text.
        await page.FindComponent<SweepEditor>().InvokeAsync(() => page.FindComponent<SweepEditor>().Instance.OnEdited(null, 300 * 1024, 40));

        Assert.Contains("300 KB; a sweep file may be at most 256 KB", page.Find("[data-testid=sweep-too-large]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=sweep-errors]"));
        Assert.Empty(page.FindAll(".gutter span.error"));
        Assert.Equal(41, page.FindAll(".gutter span").Count);   // the text's 40 lines and one to type in
        Assert.True(page.Find("[data-testid=submit-sweep]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task TheServerRefusesTextOverTheCapEvenWhenTheBrowserSendsIt()
    {
        var page = Render<NewSweep>();

        await page.TypeAsync(PaddedSweep.To(Valid, SweepCheck.MaxBytes + 1));

        page.WaitForCheck(() => Assert.Contains("a sweep file may be at most 256 KB", page.Find("[data-testid=sweep-too-large]").TextContent));
        Assert.True(page.Find("[data-testid=submit-sweep]").HasAttribute("disabled"));
    }

    [Fact]
    public void TheSampleSweepsAreOfferedAsTemplates()
    {
        var templates = Services.GetService(typeof(SweepTemplates)) as SweepTemplates;

        Assert.Contains("tiny.yaml", templates!.Names());
        Assert.Contains("name: tiny-arch-lr", templates.Read("tiny.yaml"));
        Assert.Throws<ArgumentException>(() => templates.Read("../appsettings.json"));
    }
}
