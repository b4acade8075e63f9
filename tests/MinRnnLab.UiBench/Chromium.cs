using Microsoft.Playwright;

namespace MinRnnLab.UiBench;

/// <summary>Debian's headless Chromium, as the web tests start it: Playwright never downloads a browser here.</summary>
public sealed class Chromium : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private Chromium(IPlaywright playwright, IBrowser browser) => (this.playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("MINRNN_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>A fresh context: empty cache, no cookies or storage, as a first visit.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> FreshPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(180_000);
        page.PageError += (_, e) => Console.WriteLine($"browser error: {e}");
        return (context, page);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
