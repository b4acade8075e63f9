using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.CookiePolicy;
using MinRnnLab.Web.Api;
using MinRnnLab.Web.Components;
using MinRnnLab.Web.Services;
using MudBlazor.Services;

namespace MinRnnLab.Web.Hosting;

/// <summary>
/// Builds the web app; Program.cs runs it and the end-to-end tests start it in-process on a free port. Without a
/// <see cref="CoHostedSilo"/> it is a client of a running cluster (Web:Mode client); an app that co-hosts a silo passes
/// one, and then runs embedded unless Web:Mode says client.
/// </summary>
public static class LabWebApp
{
    public static WebApplication Build(string[] args, CoHostedSilo? silo = null)
    {
        var builder = CreateBuilder(args, environment: null, silo);
        var urls = ListenUrls(builder);
        var exposed = !ListenPolicy.IsLoopbackOnly(urls);
        // An exposed app never runs as Development (which `dotnet run` takes from launchSettings.json): its exception
        // page and detailed circuit errors would hand stack traces to anyone on the network.
        if (exposed && builder.Environment.IsDevelopment())
        {
            ((IDisposable)builder.Configuration).Dispose();
            builder = CreateBuilder(args, Environments.Production, silo);
            urls = ListenUrls(builder);
        }
        var web = WebOptions.Bind(builder.Configuration, silo is null ? WebMode.Client : WebMode.Embedded);
        ListenPolicy.Enforce(urls, web);
        builder.AddLabPlatform(web, silo);

        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = SweepCheck.MaxCircuitMessageBytes);   // the editor sends whole files
        builder.Services.AddMudServices();
        builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddLabApi();
        if (web.RequiresLogin)
            builder.Services.AddAdminLogin(web).AddApiTokens(web);

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        // Addresses no page matches get the app's own 404 page, inside its layout, not the browser's bare one. Only
        // page requests are re-executed: a failed POST re-run against the page would turn its 4xx into a 500.
        // Before routing and authorization: the re-executed request is routed to /not-found afresh and passes the
        // authorization middleware like any page (the 404 page allows anyone). After them, a secret made every unknown
        // address a 500 ("contains authorization metadata, but a middleware was not found").
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((http, next) =>
        {
            if (!HttpMethods.IsGet(http.Request.Method) && http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
                statusPages.Enabled = false;
            LabApi.KeepStatusPagesOff(http);                                            // the API answers problem+json itself
            return next(http);
        });
        app.UseRouting();
        if (web.RequiresLogin)
        {
            app.UseRateLimiter();                                                       // login attempts, per client address
            app.UseAuthentication();
            app.UseAuthorization();
        }
        app.UseAntiforgery();
        app.UseUnknownIdPages();                                                        // after authorization: no id probing before a login
        app.MapStaticAssets();
        var pages = app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        var downloads = app.MapSweepDownloads();
        var (_, apiReference) = app.MapLabApi(web);                                     // its calls need a bearer token when there is a login
        if (web.RequiresLogin)
        {
            pages.RequireAuthorization();                                               // the login page opts out with [AllowAnonymous]
            downloads.RequireAuthorization();
            apiReference.RequireAuthorization();
            app.MapAdminLogin(web.AdminSecret!);
        }
        return app;
    }

    /// <summary>
    /// Builds and starts the app, or explains in one line on stderr why it will not start (no secret on an exposed
    /// address, a port in use, a bad setting) and returns null: the reason is what the operator needs, not a stack trace.
    /// </summary>
    public static async Task<WebApplication?> StartAsync(string[] args, CoHostedSilo? silo = null)
    {
        WebApplication? app = null;
        try
        {
            app = Build(args, silo);
            await app.StartAsync();
            return app;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"minrnnlab-web: not starting: {OneLine(e)}");
            if (app is not null)
                await app.DisposeAsync();
            return null;
        }
    }

    private static WebApplicationBuilder CreateBuilder(string[] args, string? environment, CoHostedSilo? silo)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = environment,
            // Tests run under testhost: name the app so its static web assets manifest is found.
            ApplicationName = silo?.ApplicationName ?? typeof(LabWebApp).Assembly.GetName().Name,
        });
        // Serve MudBlazor's and Plotly's files straight from the package cache when running from a build folder in
        // any environment (tests, `dotnet run --no-launch-profile`); a published app has no manifest and is unaffected.
        builder.WebHost.UseStaticWebAssets();
        // From a build folder MapStaticAssets serves every file "no-cache" unless told otherwise, in any environment:
        // a second visit would ask again for each script and style. The manifest's own answer is right here too
        // (immutable for the fingerprinted addresses the pages use, no-cache for the rest): a rebuilt file gets a new
        // fingerprint. A setting of its own still wins.
        builder.Configuration[StaticAssetCaching] ??= "true";
        return builder;
    }

    private const string StaticAssetCaching = "EnableStaticAssetsDevelopmentCaching";

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

    // A failure wrapped alone in an AggregateException (as hosted services report it) has the reason inside.
    private static string OneLine(Exception e)
    {
        var reason = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
        return string.Join(' ', reason.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
