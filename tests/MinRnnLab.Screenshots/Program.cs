using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Web.Embedded;
using MinRnnLab.Web.Services;

// `dotnet run -c Release --project tests/MinRnnLab.Screenshots [-- --out docs/screenshots]`
// Starts the app (co-hosted silo, five CPU slots, real training on tiny Shakespeare: MINRNN_DATA or ../shared/data),
// trains a grid of 2 architectures × learning_rate {3e-3, 1e-2} × 2 seeds to the end and starts one long run, then photographs
// the sweep page, Compare and the run page at 1400 px (light and dark) and at 390 px with Debian's headless Chromium.
// Each picture is one screen tall (not the whole page), which keeps it a few hundred KB at most.
var outFolder = Path.Combine("docs", "screenshots");
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--out" && i + 1 < args.Length)
        outFolder = args[++i];
    else
    {
        Console.Error.WriteLine($"screenshots: unknown argument '{args[i]}'. Usage: [--out DIR]");
        return 2;
    }
}
Directory.CreateDirectory(outFolder);

const string Grid = """
    name: screens-grid
    metric: {name: val_loss, goal: minimize, target: 2.6}
    method: grid
    base: {preset: tiny, max_iters: 150, eval_interval: 10, block_size: 32, eval_iters: 2, warmup_iters: 20}
    parameters:
      arch: {values: [mingru, transformer]}
      learning_rate: {values: [3e-3, 1e-2]}
    seeds: 2
    parallel: 4
    """;
const string Long = """
    name: screens-long
    metric: {name: val_loss, goal: minimize, target: 2.6}
    method: grid
    base: {preset: tiny, max_iters: 200000, eval_interval: 10, block_size: 32, eval_iters: 2, learning_rate: 1e-2, warmup_iters: 50}
    parameters:
      arch: {values: [mingru]}
    """;

var dataFolder = Path.Combine(Path.GetTempPath(), "minrnn-screenshots", Guid.NewGuid().ToString("N"));
var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
var app = EmbeddedWebApp.Build(
[
    "--urls", baseUrl, "--environment", "Production", "--Lab:DataFolder", dataFolder, "--Lab:CorpusPath", TestCorpus.FilePath,
    .. Enumerable.Range(0, 5).SelectMany(i => new[] { $"--Lab:Devices:{i}", "cpu" }),
    "--Lab:SiloPort", FreePort.Next().ToString(), "--Lab:GatewayPort", FreePort.Next().ToString(),
    "--Logging:LogLevel:Default", "Warning",
]);
await app.StartAsync();
try
{
    var lab = app.Services.GetRequiredService<LabClient>();
    var grid = await SubmitAsync(lab, Grid);
    Console.WriteLine($"screenshots: training {grid} (8 trials, 4 at a time) at {baseUrl}…");
    await WaitAsync(async () => (await lab.Sweep(grid).GetStatus())?.State.IsFinal() == true, TimeSpan.FromMinutes(30));
    var trials = await lab.Sweep(grid).GetTrials() ?? [];
    var longSweep = await SubmitAsync(lab, Long);
    // A few evaluations in, so its curves, panels and ETA have something to show.
    await WaitAsync(async () => (await lab.Run($"{longSweep}/0").GetStatus())?.LastStep >= 80, TimeSpan.FromMinutes(10));

    var compared = trials.Where(t => t.SeedIndex == 0).Select(t => Uri.EscapeDataString(t.RunId));
    var pages = new (string Name, string Path, string Chart)[]
    {
        ("sweep", $"sweeps/{grid}?smooth=0.6", "sweep-bands"),
        ("compare", $"compare?runs={string.Join(",", compared)}&y=linear", "compare-loss"),
        ("run", $"sweeps/{longSweep}/runs/0", "run-loss"),
    };
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("MINRNN_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    foreach (var (width, height, dark, suffix) in new[] { (1400, 1400, false, "1400"), (1400, 1400, true, "1400-dark"), (390, 1700, false, "390") })
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        if (dark)
        {
            await page.GotoAsync(baseUrl);
            await page.ClickAsync("[data-testid=dark-mode]");                      // remembered by the browser, as a reader's choice is
            await page.Locator("[data-testid=dark-mode][data-dark=yes]").WaitForAsync();
        }
        foreach (var (name, path, chart) in pages)
        {
            await page.GotoAsync($"{baseUrl}/{path}");
            await page.Locator($"#{chart}[data-drawn=yes]").WaitForAsync();
            if (name != "compare")
                await page.Locator("[data-testid=metric-panel] [data-drawn=yes]").First.WaitForAsync();
            await page.WaitForTimeoutAsync(500);                                     // the last live redraw settles
            await ShotAsync(page, $"{name}-{suffix}.png");
        }
        if (suffix == "1400")
        {
            // Lower on the sweep page: the parallel coordinates, learning rate and widths on their axes.
            await page.GotoAsync($"{baseUrl}/sweeps/{grid}");
            var coordinates = page.Locator("[data-testid=parameter-coordinates]");
            await coordinates.Locator("[data-testid=when-visible]").ScrollIntoViewIfNeededAsync();
            await page.Locator("#sweep-parameters .main-svg").First.WaitForAsync();
            await page.WaitForTimeoutAsync(500);
            await ShotAsync(page, "sweep-1400-tables.png");
            // A sweep with a trial running: its pace and ETA.
            await page.GotoAsync($"{baseUrl}/sweeps/{longSweep}");
            await page.Locator("[data-testid=running-trial] [data-testid=run-eta]").WaitForAsync();
            await page.Locator("[data-testid=metric-panel] [data-drawn=yes]").First.WaitForAsync();
            await ShotAsync(page, "sweep-running-1400.png");
            await page.GotoAsync(baseUrl);
            await page.Locator("[data-testid=devices] [data-testid=run-eta]").WaitForAsync();
            await ShotAsync(page, "overview-1400.png");
        }
    }
    return 0;
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
}

async Task ShotAsync(IPage page, string file)
{
    var path = Path.Combine(outFolder, file);
    await page.ScreenshotAsync(new() { Path = path });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"screenshots: {path} ({new FileInfo(path).Length / 1024} KB)"));
}

static async Task<string> SubmitAsync(LabClient lab, string yaml)
{
    var submitted = await lab.SubmitSweepAsync(yaml, "screens.yaml");
    if (submitted.Status is null)
        throw new InvalidOperationException($"the sweep was refused: {string.Join("; ", submitted.Errors)}");
    return submitted.Status.SweepId;
}

static async Task WaitAsync(Func<Task<bool>> done, TimeSpan patience)
{
    var until = DateTime.UtcNow + patience;
    while (!await done())
    {
        if (DateTime.UtcNow > until)
            throw new TimeoutException($"not done within {patience}");
        await Task.Delay(1000);
    }
}
