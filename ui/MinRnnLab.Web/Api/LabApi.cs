using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using MinRnnLab.Client;
using MinRnnLab.Web.Hosting;

namespace MinRnnLab.Web.Api;

/// <summary>
/// The HTTP API at /api/v1 over the same LabClient the pages, the CLI and .NET programs use: one file per resource
/// (sweeps, runs, the cluster), each a few minimal-API routes. A resource added to the client is one more such file,
/// mapped in <see cref="MapLabApi"/>. Answers are JSON (enums by name), errors problem+json, an unknown id a 404
/// naming it. When the app requires a login (Web:AdminSecret), every call needs a bearer token (<see cref="ApiTokenAuthentication"/>).
/// </summary>
public static class LabApi
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddLabApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "MinRnnLab API";
            document.Info.Description = "Sweeps, runs and the cluster of a MinRnnLab platform. With a login (Web:AdminSecret) every call needs " +
                                        "`Authorization: Bearer <token>`, a token made on the app's API tokens page.";
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return services;
    }

    /// <summary>The API's routes, and its OpenAPI document and reference page (the app's pages, behind the same login).</summary>
    public static (RouteGroupBuilder Api, IEndpointConventionBuilder Reference) MapLabApi(this WebApplication app, WebOptions web)
    {
        var api = app.MapGroup(Prefix).AddEndpointFilter(ApiProblems.ForExceptionsAsync).AddEndpointFilter(RefuseCrossSiteAsync);
        api.MapSweepsApi();
        api.MapRunsApi();
        api.MapRunListApi();
        api.MapLabelsApi();
        api.MapClusterApi();
        if (web.RequiresLogin)
            api.RequireAuthorization(ApiTokenAuthentication.Policy);
        var document = app.MapOpenApi(Prefix + "/openapi.json");
        var page = ApiReference.Map(app, Prefix + "/reference");
        return (api, new CompositeConventions(document, page));
    }

    /// <summary>True for requests the API answers: their errors are problem+json, never the app's HTML error pages.</summary>
    public static bool IsApiRequest(HttpContext http) => http.Request.Path.StartsWithSegments(Prefix);

    /// <summary>Turns the app's re-executed status pages off for an API request, which answers for itself.</summary>
    public static void KeepStatusPagesOff(HttpContext http)
    {
        if (IsApiRequest(http) && http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            statusPages.Enabled = false;
    }

    /// <summary>
    /// Refuses a call a browser makes for another site's page (its Origin is not this app): without a login the API
    /// takes calls without a token, and a page elsewhere could otherwise POST a cancel to localhost, a request simple
    /// enough that the browser sends it without asking first. Programs (Python, curl, HttpClient) send no Origin.
    /// </summary>
    private static ValueTask<object?> RefuseCrossSiteAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Authority.Equals(request.Host.Value, StringComparison.OrdinalIgnoreCase)))
            return next(context);
        return ValueTask.FromResult<object?>(TypedResults.Problem($"calls from another site's page ({origin}) are refused",
            statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"));
    }

    internal static LabClient Client(this IClusterClient cluster) => LabClient.ForCluster(cluster);

    private sealed class CompositeConventions(params IEndpointConventionBuilder[] builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
                builder.Add(convention);
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
                builder.Finally(finallyConvention);
        }
    }
}
