using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MinRnnLab.Web.Tests.Api;

/// <summary>The app's /api/v1 routes as registered, so a test covers every one, including routes added later.</summary>
internal static class ApiRoutes
{
    public sealed record Route(string Method, string Path)
    {
        /// <summary>The path with unknown ids in its parameters ("{index:int}" → 0), a call any route answers without side effects.</summary>
        public string WithUnknownIds => System.Text.RegularExpressions.Regex.Replace(Path, @"\{(\w+)(:\w+)?\}",
            m => m.Groups[1].Value switch { "index" => "0", "file" => "results.csv", _ => "unknown-id" });
    }

    public static IReadOnlyList<Route> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/v1/") && !raw.EndsWith("openapi.json") && !raw.EndsWith("/reference"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new Route(m, Normalize(e.RoutePattern.RawText!))))
            .Distinct().ToList();

    // "/api/v1/sweeps/{sweepId}/runs/{index:int}/" → "/api/v1/sweeps/{sweepId}/runs/{index}", as the OpenAPI document writes it.
    private static string Normalize(string raw) =>
        System.Text.RegularExpressions.Regex.Replace(raw.TrimEnd('/'), @"\{(\w+):\w+\}", "{$1}");
}
