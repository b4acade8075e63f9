using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Client;
using MinRnnLab.Web.Services;
using MudBlazor.Services;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>bUnit context with MudBlazor, loose JS interop (Plotly and MudBlazor call into the browser) and a fake platform.</summary>
public abstract class LabComponentTest : BunitContext, IAsyncLifetime
{
    // bUnit's WaitFor* default is one second, which a loaded machine misses (the pages read a real silo or a fake
    // through async calls); one generous default for every component test, like the E2E tests' expect timeout.
    static LabComponentTest() => DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    protected LabComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton<ILabClient>(Lab);
        Services.AddSingleton<SweepPageReads>();
        Services.AddSingleton<SweepWatches>();
        Services.AddScoped<CompareTray>();
        Services.AddSingleton(new SweepTemplates(Path.Combine(AppContext.BaseDirectory, "sweeps")));
    }

    protected FakeLab Lab { get; } = new();

    /// <summary>
    /// How long a test waits for what a live update alone must show: half the pages' store catch-up period, so the
    /// catch-up cannot have shown it instead, and still many times what a loaded machine needs (one second was not).
    /// </summary>
    protected static readonly TimeSpan BeforeCatchUp = StoreCatchUp.Every / 2;

    public Task InitializeAsync() => StartAsync();

    /// <summary>Setup to await before each test (a real platform to read from), after the constructor.</summary>
    protected virtual Task StartAsync() => Task.CompletedTask;

    /// <summary>Undoes <see cref="StartAsync"/> once the rendered components are gone.</summary>
    protected virtual Task StopAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously; xUnit 2 would otherwise call Dispose alone.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await StopAsync();
    }
}
