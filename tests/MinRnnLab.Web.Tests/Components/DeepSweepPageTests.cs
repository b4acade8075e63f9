using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Config;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>
/// The New sweep page validates as the user types and on upload, in the web process — which in the embedded
/// default also hosts the silo. Deeply nested files used to end that process; now each is one located error.
/// </summary>
public class DeepSweepPageTests : LabComponentTest
{
    [Theory]
    [MemberData(nameof(DeepYaml.Names), MemberType = typeof(DeepYaml))]
    public async Task TypingADeepFileShowsOneLocatedErrorOrIsRefusedAsTooLarge(string name)
    {
        var deep = DeepYaml.Named(name);
        var page = Render<NewSweep>();

        await page.TypeAsync(deep.Text);

        if (Encoding.UTF8.GetByteCount(deep.Text) > SweepCheck.MaxBytes)
            page.WaitForCheck(() => Assert.Contains("a sweep file may be at most 256 KB", page.Find("[data-testid=sweep-too-large]").TextContent));
        else
            page.WaitForCheck(() => AssertOneLocatedError(page, deep));
    }

    [Theory]
    [MemberData(nameof(DeepYaml.Names), MemberType = typeof(DeepYaml))]
    public void UploadingADeepFileShowsOneLocatedErrorOrIsRefusedAsTooLarge(string name)
    {
        var deep = DeepYaml.Named(name);
        var page = Render<NewSweep>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(deep.Text, "deep.yaml"));

        // The page's upload cap is the parser's size limit, in bytes: a file over it is never read.
        if (deep.Text.Length > BoundedYaml.MaxChars)
            Assert.Contains("could not read deep.yaml", page.Find("[data-testid=validation]").TextContent);
        else
            AssertOneLocatedError(page, deep);
    }

    private void AssertOneLocatedError(IRenderedComponent<NewSweep> page, DeepYaml.Case deep)
    {
        var error = Assert.Single(page.FindAll("[data-testid=sweep-errors] li")).TextContent;
        Assert.StartsWith($"line {deep.Line}, column {deep.Column}: ", error);
        Assert.Contains(deep.Message, error);
        Assert.True(page.Find("[data-testid=submit-sweep]").HasAttribute("disabled"));
        Assert.Empty(Lab.Submitted);
    }
}
