namespace MinRnnLab.Web.Api;

/// <summary>
/// A browsable reference of the API: one small page (ApiReference.html, embedded) that reads the OpenAPI document
/// beside it and lists every route with its parameters, body and answers. Nothing comes from a CDN: the platform
/// may run where there is no internet.
/// </summary>
public static class ApiReference
{
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(ApiReference).Assembly.GetManifestResourceStream("MinRnnLab.Web.Api.ApiReference.html")
                           ?? throw new InvalidOperationException("ApiReference.html is not embedded in MinRnnLab.Web");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder app, string path) =>
        app.MapGet(path, () => Results.Content(Page.Value, "text/html; charset=utf-8")).ExcludeFromDescription();
}
