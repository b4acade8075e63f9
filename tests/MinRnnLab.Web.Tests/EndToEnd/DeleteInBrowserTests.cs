using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MinRnnLab.Abstractions;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// Deleting a sweep from its page in Chromium against the real app: "Keep it" deletes nothing; confirmed, the running
/// trial is cancelled, the sweep's files, runs and state are gone, and the sweeps list says how much was freed.
/// </summary>
[Collection(WebAppCollection.Name)]
public class DeleteInBrowserTests(WebAppFixture web)
{
    private const string Running = """
        name: e2e-delete
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: 100000, eval_interval: 20, n_embd: 16, block_size: 16, eval_iters: 1}
        checkpoint_interval: 20
        """;

    [Fact]
    public async Task ASweepIsDeletedFromItsPageAfterTheDialogWithItsRunningTrialCancelled()
    {
        var submitted = await web.Lab.SubmitSweepAsync(Running, "e2e-delete.yaml");
        var sweepId = submitted.Status?.SweepId ?? throw new InvalidOperationException(string.Join("; ", submitted.Errors));
        var runId = $"{sweepId}/0";
        await Poll.Until(() => web.Lab.Run(runId).GetStatus(), r => r is { State: RunState.Running, LastStep: >= 20 });
        var runFolder = new LabPaths(web.DataFolder).RunArtifactsFolder(runId);
        Assert.True(Directory.Exists(runFolder));
        var page = await web.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}");

        await page.ClickAsync("[data-testid=delete]");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Its running trials are cancelled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        Assert.Equal(RunState.Running, (await web.Lab.Run(runId).GetStatus())!.State);

        await page.ClickAsync("[data-testid=delete]");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("cannot be undone");
        await page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, "sweep-delete-dialog.png") });
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete sweep" }).ClickAsync();

        await InAppNavigation.WaitForAsync(page, $"^{Regex.Escape(web.BaseUrl)}/sweeps$");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Deleted sweep {sweepId}: 1 run, ");
        Assert.Null(await web.Lab.Sweep(sweepId).GetStatus());
        Assert.Null(await web.Lab.Run(runId).GetStatus());
        // Once its worker has let the run go, the folder is gone for good: the stopped attempt's last log lines may come
        // after the sweep removed it, and the worker removes what it wrote for a deleted run.
        // The devices' view follows the queue's leases, which the cancel releases before the worker has wound down.
        await Poll.Until(() => OverviewReader.ReadAsync(web.Lab), o => o.Devices.All(d => d.RunId != runId));
        await Poll.Until(() => Task.FromResult(Directory.Exists(runFolder)), exists => !exists);
        await Assertions.Expect(page.Locator("[data-testid=sweep-row]", new() { HasText = sweepId })).ToHaveCountAsync(0);
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{sweepId}");                        // its page is the unknown sweep's now
        await Assertions.Expect(page.GetByText(NotFound.Sweep(sweepId))).ToBeVisibleAsync();
        await page.CloseAsync();
    }
}
