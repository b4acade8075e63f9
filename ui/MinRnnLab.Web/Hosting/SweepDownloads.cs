using Microsoft.AspNetCore.Diagnostics;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;

namespace MinRnnLab.Web.Hosting;

/// <summary>
/// Downloads of a sweep's data (<see cref="SweepExport.Files"/>) at /sweeps/{id}/export/{file}, written by
/// <see cref="SweepExport"/> straight to the response as it is read, never built in the browser.
/// </summary>
public static class SweepDownloads
{
    /// <summary>Where the app serves <paramref name="file"/> of a sweep; relative, so it works under any base path.</summary>
    public static string Url(string sweepId, string file) => $"sweeps/{Uri.EscapeDataString(sweepId)}/export/{file}";

    public static IEndpointConventionBuilder MapSweepDownloads(this IEndpointRouteBuilder app) =>
        app.MapGet("/sweeps/{sweepId}/export/{file}", DownloadAsync);

    private static async Task DownloadAsync(string sweepId, string file, IClusterClient cluster, HttpContext http)
    {
        // These answers are for a download or a script, not a page: the app's 404 page would hide the reason.
        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            statusPages.Enabled = false;
        if (!SweepExport.Files.TryGetValue(file, out var contentType))
        {
            await NotFoundAsync(http, $"a sweep exports {string.Join(", ", SweepExport.Files.Keys)}; there is no '{file}'");
            return;
        }
        var client = LabClient.ForCluster(cluster);
        if (await client.Sweep(sweepId).GetStatus() is null)
        {
            await NotFoundAsync(http, NotFound.Sweep(sweepId));
            return;
        }
        http.Response.ContentType = contentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(sweepId, file)}\"";
        await new SweepExport(client).WriteAsync(sweepId, file, http.Response.Body, http.RequestAborted);
    }

    /// <summary>"e2e-tiny-20261130-221500-ab12-results.csv": the sweep id keeps files of several sweeps apart in one folder.</summary>
    public static string FileName(string sweepId, string file) =>
        string.Concat($"{sweepId}-{file}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    private static async Task NotFoundAsync(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message + "\n");
    }
}
