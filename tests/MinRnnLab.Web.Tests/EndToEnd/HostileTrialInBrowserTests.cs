using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MinRnnLab.Abstractions;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Worker.Trials;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>The embedded platform as `dotnet run` starts it: every trial in a process of its own.</summary>
public sealed class TrialProcessWebAppFixture : WebAppFixture
{
    // Its trial processes crash in native code on SIGUSR1 (CrashDrill): they inherit this process's environment.
    public TrialProcessWebAppFixture() => Environment.SetEnvironmentVariable(CrashDrill.Variable, "1");

    protected override string[] DeviceArguments => ["--Lab:Devices:0", "cpu", "--Lab:Devices:1", "cpu", "--Lab:Executor", "process"];
}

[CollectionDefinition(Name)]
public sealed class TrialProcessWebAppCollection : ICollectionFixture<TrialProcessWebAppFixture>
{
    public const string Name = "web app, trials in processes";
}

/// <summary>
/// Issue 25's promise, in Chromium against the embedded platform (web, silo and device workers in one process): an
/// allocation bomb is refused before it costs anything, and a trial whose process dies of a native crash fails alone,
/// while the web keeps answering and the other trials finish.
/// </summary>
[Collection(TrialProcessWebAppCollection.Name)]
public sealed partial class HostileTrialInBrowserTests(TrialProcessWebAppFixture web)
{
    // The machine is at its busiest here (a crash, a refused allocation, two trainings): a page may take past 30 s to load.
    private static readonly PageGotoOptions Loaded = new() { Timeout = 120_000 };

    [Fact]
    public async Task AnAllocationBombIsRefusedAndASegfaultedTrialFailsAloneWhileTheWebAndTheOtherTrialsCarryOn()
    {
        var page = await web.NewPageAsync();
        var sweepsBefore = (await web.Lab.ListSweepsAsync()).Length;

        // 1. An allocation bomb inside every key's and shape's bounds (64 layers 1,024 wide, batches of 4,096 windows):
        //    refused for the memory its activations need, hundreds of GB, whatever the machine.
        await OpenEditor(page);
        await page.FillAsync("[data-testid=sweep-yaml]", Sweep("bomb", maxIters: 10, "parameters: {batch_size: {values: [4096]}, n_layer: {values: [64]}}", nEmbd: 1_024));
        await Assertions.Expect(page.Locator("[data-testid=sweep-errors]")).ToContainTextAsync("the run needs about");
        await Assertions.Expect(page.Locator("[data-testid=submit-sweep]")).ToBeDisabledAsync();
        Assert.Equal(sweepsBefore, (await web.Lab.ListSweepsAsync()).Length);

        // 2. A victim that trains for good, submitted in the editor, and a bystander sweep queued behind it on the
        //    other slot.
        var victimSweep = await SubmitInEditor(page, Sweep("victim", maxIters: 100_000));
        var bystander = await web.Lab.SubmitSweepAsync(Sweep("bystander", maxIters: 150, "seeds: 2"), "bystander.yaml");
        Assert.True(bystander.Accepted, string.Join("\n", bystander.Errors));
        var bystanderSweep = bystander.Status!.SweepId;
        var victimRun = $"{victimSweep}/0";
        var pid = await TrialPid(victimRun);
        await Poll.Until(() => web.Lab.Run(victimRun).GetStatus(), s => s?.LastStep >= 50);               // its drill is armed by now
        await Poll.Until(() => web.Lab.Run($"{bystanderSweep}/0").GetStatus(), s => s?.State == RunState.Running);

        // 3. A native crash in the victim's process: a segmentation fault in native code, as when libtorch reads freed
        //    memory (CrashDrill, armed in this fixture's trial processes only).
        Assert.True(Signals.Send(pid, CrashDrill.Sigusr1), $"trial process {pid} was gone before the signal");

        // 4. The victim fails alone, with its cause on its page; the web answered throughout.
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{victimSweep}/runs/0", Loaded);
        await Assertions.Expect(page.Locator("[data-testid=run-state]").First).ToHaveTextAsync("Failed", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("[data-testid=run-status]")).ToContainTextAsync($"trial process {pid} killed by signal 11 (SIGSEGV");

        // 5. The bystander's two trials finish on the same silo, each in one attempt, and its page shows it live.
        await page.GotoAsync($"{web.BaseUrl}/sweeps/{bystanderSweep}", Loaded);
        await Assertions.Expect(page.Locator("[data-testid=sweep-state]")).ToHaveTextAsync("Completed", new() { Timeout = 300_000 });
        await Assertions.Expect(page.Locator("[data-testid=sweep-progress]")).ToContainTextAsync("2 / 2 finished");
        foreach (var run in new[] { $"{bystanderSweep}/0", $"{bystanderSweep}/1" })
        {
            Assert.Equal(RunState.Succeeded, (await web.Lab.Run(run).GetStatus())!.State);
            Assert.Single((await web.Lab.Run(run).GetAttempts())!);
        }
        Assert.Equal(SweepState.Failed, (await web.Lab.Sweep(victimSweep).GetStatus())!.State);   // its only trial failed
        await page.GotoAsync(web.BaseUrl);
        await Assertions.Expect(page.Locator("[data-testid=devices] tbody tr")).ToHaveCountAsync(2);
    }

    // Tiny runs in a process of their own, evaluated every 50 steps; max_restarts 0, so a dead process fails its trial.
    private static string Sweep(string name, int maxIters, string extra = "", int nEmbd = 16) => $$"""
        name: hostile-{{name}}
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: {{maxIters}}, eval_interval: 50, lr_decay_iters: {{maxIters}}, n_embd: {{nEmbd}}, eval_iters: 2}
        max_restarts: 0
        checkpoint_interval: 50
        {{extra}}
        """;

    private async Task OpenEditor(IPage page)
    {
        await page.GotoAsync($"{web.BaseUrl}/sweeps/new");
        // The page shows before its editor reports edits to the circuit; typing before that would be lost.
        await Assertions.Expect(page.Locator("[data-testid=new-sweep-title]")).ToHaveAttributeAsync("data-interactive", "yes");
    }

    /// <summary>Submits <paramref name="yaml"/> in the editor and returns the sweep id the page moves on to.</summary>
    private async Task<string> SubmitInEditor(IPage page, string yaml)
    {
        await OpenEditor(page);
        await page.FillAsync("[data-testid=sweep-yaml]", yaml);
        await Assertions.Expect(page.Locator("[data-testid=sweep-valid]")).ToContainTextAsync("1 trial(s)");
        await page.ClickAsync("[data-testid=submit-sweep]");
        await InAppNavigation.WaitForAsync(page, "/sweeps/hostile-[^/]+$", 3 * WebAppFixture.PatienceMs);
        return Uri.UnescapeDataString(new Uri(page.Url).Segments[^1]);
    }

    /// <summary>The process of the run's first attempt, as its worker wrote it into run.log.</summary>
    private async Task<int> TrialPid(string runId)
    {
        var line = await Poll.Until(async () => (await web.Lab.ReadLogTailAsync(runId, 200) ?? []).FirstOrDefault(l => l.Contains("attempt 1 trains in process ")),
            l => l is not null);
        return int.Parse(TrainsInProcess().Match(line!).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"trains in process (\d+)")]
    private static partial Regex TrainsInProcess();
}
