using Bunit;
using MinRnnLab.Web.Components.Pages;

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
    public void AMalformedSweepShowsEachErrorAtItsLineAndColumnAndCannotBeSubmitted()
    {
        var page = Render<NewSweep>();

        page.Find("[data-testid=sweep-yaml]").Input(Valid.Replace("method: grid", "method: gird"));

        var errors = page.Find("[data-testid=sweep-errors]").TextContent;
        Assert.Contains("line 3, column 9", errors);
        Assert.Contains("gird", errors);
        Assert.Single(page.FindAll(".gutter span.error"));
        Assert.Equal("3", page.Find(".gutter span.error").TextContent);
        Assert.True(page.Find("[data-testid=submit-sweep]").HasAttribute("disabled"));
        Assert.Empty(Lab.Submitted);
    }

    [Fact]
    public void AValidSweepShowsItsTrialCountAndSubmits()
    {
        var page = Render<NewSweep>();

        page.Find("[data-testid=sweep-yaml]").Input(Valid);

        Assert.Contains("Valid: 2 trial(s)", page.Find("[data-testid=sweep-valid]").TextContent);
        page.Find("[data-testid=submit-sweep]").Click();
        Assert.Equal([Valid], Lab.Submitted);
    }

    [Fact]
    public void TheSampleSweepsAreOfferedAsTemplates()
    {
        var templates = Services.GetService(typeof(MinRnnLab.Web.Services.SweepTemplates)) as MinRnnLab.Web.Services.SweepTemplates;

        Assert.Contains("tiny.yaml", templates!.Names());
        Assert.Contains("name: tiny-arch-lr", templates.Read("tiny.yaml"));
        Assert.Throws<ArgumentException>(() => templates.Read("../appsettings.json"));
    }
}
