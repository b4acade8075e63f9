using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Diagnostics;
using MinRnnLab.Client;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Hosting;

/// <summary>
/// A sweep or run page whose id names nothing answers 404, not 200. Pages are rendered interactively without
/// prerendering, so the HTML shell is sent before any page component runs: the status is set here, from the routed
/// page and its route values, and the circuit then shows the page's own notice naming the unknown id.
/// </summary>
public static class UnknownIdPages
{
    public static IApplicationBuilder UseUnknownIdPages(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (HttpMethods.IsGet(http.Request.Method) && await IsUnknownAsync(http))
        {
            // The page itself says which id is unknown; the app's generic 404 page would replace it.
            if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
                statusPages.Enabled = false;
            // Set as the headers go out, not now: a component endpoint that starts on a 404 writes no page at all
            // (it leaves the body to a status-code page), and a browser shows an empty 404 as an error of its own.
            http.Response.OnStarting(() =>
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        }
        await next(http);
    });

    private static async Task<bool> IsUnknownAsync(HttpContext http)
    {
        var page = http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type;
        if (page is null || http.GetRouteValue(nameof(SweepDetail.SweepId)) is not string sweepId)
            return false;
        var lab = http.RequestServices.GetRequiredService<ILabClient>();
        if (page == typeof(SweepDetail))
            return await lab.Sweep(sweepId).GetStatus() is null;
        // Parsed as the page parses it: /runs/007 is run 7.
        if (page == typeof(RunDetail) && int.TryParse(http.GetRouteValue(nameof(RunDetail.Index)) as string, System.Globalization.CultureInfo.InvariantCulture, out var index))
            return await lab.Run($"{sweepId}/{index}").GetSpec() is null;
        return false;
    }
}
