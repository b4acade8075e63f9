using MinRnnLab.Client;
using MinRnnLab.Web.Embedded;
using MinRnnLab.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinRnnLab.Web.Hosting;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// The real app, started in-process as `dotnet run` would (co-hosted silo, SQLite in a temp data folder, two CPU
/// slots) on free loopback ports, plus one headless Chromium shared by the end-to-end tests.
/// </summary>
public class WebAppFixture : IAsyncLifetime
{
    private WebApplication? app;
    private IPlaywright? playwright;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "minrnn-web-tests", Guid.NewGuid().ToString("N"));
    public string BaseUrl { get; private set; } = "";
    public int GatewayPort { get; } = FreePort.Next();
    public IBrowser Browser { get; private set; } = null!;
    public LabClient Lab => app!.Services.GetRequiredService<LabClient>();

    /// <summary>The co-hosted silo's services (metrics store, options), for tests that prepare data directly.</summary>
    public IServiceProvider Services => app!.Services;

    /// <summary>Device slots and the executor: two CPU slots training for real, unless a fixture says otherwise.</summary>
    protected virtual string[] DeviceArguments => ["--Lab:Devices:0", "cpu", "--Lab:Devices:1", "cpu"];

    /// <summary>Screenshots for people to look at: TestResults/screenshots at the repository root.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(Repository.Root, "TestResults", "screenshots");

    /// <summary>How long any E2E step or assertion may wait, unless a test says it needs longer (training, sampling).</summary>
    public const float PatienceMs = 30_000;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}";
        app = EmbeddedWebApp.Build(
        [
            "--urls", BaseUrl,
            "--Lab:DataFolder", DataFolder,
            "--Lab:CorpusPath", TestCorpus.FilePath,
            .. DeviceArguments,
            "--Lab:SiloPort", FreePort.Next().ToString(), "--Lab:GatewayPort", GatewayPort.ToString(),
            "--Lab:PollInterval", "00:00:00.200",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.StartAsync();
        // One patience for every assertion of every E2E test: Expect keeps its own 5 s default, which the page's
        // timeout does not change, and a loaded CI machine needs more.
        Assertions.SetDefaultExpectTimeout(PatienceMs);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's Chromium: Playwright's own browser download is never used (no network in CI).
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task<IPage> NewPageAsync()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(PatienceMs);
        // Browser-side errors end up in the test log, where a failing E2E test is diagnosed.
        page.Console += (_, m) => { if (m.Type == "error") Console.WriteLine($"browser console: {m.Text}"); };
        page.PageError += (_, e) => Console.WriteLine($"browser error: {e}");
        await page.AddInitScriptAsync(LostClickWatch.Script);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        playwright?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
