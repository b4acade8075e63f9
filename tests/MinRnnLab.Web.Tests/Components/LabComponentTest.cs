using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Web.Services;
using MudBlazor.Services;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>bUnit context with MudBlazor, loose JS interop (Plotly and MudBlazor call into the browser) and a fake platform.</summary>
public abstract class LabComponentTest : BunitContext, IAsyncLifetime
{
    protected LabComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton<ILabService>(Lab);
        Services.AddScoped<CompareTray>();
        Services.AddSingleton(new SweepTemplates(Path.Combine(AppContext.BaseDirectory, "sweeps")));
    }

    protected FakeLabService Lab { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously; xUnit 2 would otherwise call Dispose alone.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
