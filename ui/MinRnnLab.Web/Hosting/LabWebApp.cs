using MinRnnLab.Web.Components;
using MudBlazor.Services;

namespace MinRnnLab.Web.Hosting;

/// <summary>Builds the web app; Program.cs runs it and the end-to-end tests start it in-process on a free port.</summary>
public static class LabWebApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Tests run under testhost: name the app so its static web assets manifest is found.
            ApplicationName = typeof(LabWebApp).Assembly.GetName().Name,
        });
        // Serve MudBlazor's and Plotly's files straight from the package cache when running from a build folder in
        // any environment (tests, `dotnet run --no-launch-profile`); a published app has no manifest and is unaffected.
        builder.WebHost.UseStaticWebAssets();
        var urls = ListenUrls(builder);
        builder.AddLabPlatform();
        var web = builder.Configuration.GetSection("Web").Get<WebOptions>() ?? new WebOptions();
        ListenPolicy.Enforce(urls, web);

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        if (web.RequiresLogin)
            builder.Services.AddAdminLogin();

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        if (web.RequiresLogin)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }
        // Addresses no page matches get the app's own 404 page, inside its layout, not the browser's bare one.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        var pages = app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        if (web.RequiresLogin)
        {
            pages.RequireAuthorization();                                               // the login page opts out with [AllowAnonymous]
            app.MapAdminLogin(web.AdminSecret!);
        }
        return app;
    }

    /// <summary>The addresses Kestrel will bind: --urls / ASPNETCORE_URLS / Kestrel endpoints, else localhost only.</summary>
    private static string ListenUrls(WebApplicationBuilder builder)
    {
        var endpoints = builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>().ToList();
        if (builder.Configuration["urls"] is { Length: > 0 } urls)
            endpoints.Add(urls);
        if (endpoints.Count > 0)
            return string.Join(';', endpoints);
        builder.WebHost.UseUrls(ListenPolicy.DefaultUrls);
        return ListenPolicy.DefaultUrls;
    }
}
