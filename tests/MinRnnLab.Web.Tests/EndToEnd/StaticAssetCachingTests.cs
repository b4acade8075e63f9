using System.Net;
using System.Text.RegularExpressions;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// A second visit loads no script or style again (issue 32): the page names each by a fingerprinted address, and the
/// app serves those as cacheable for a year and immutable, while the page itself is never cached.
/// </summary>
[Collection(WebAppCollection.Name)]
public partial class StaticAssetCachingTests(WebAppFixture web)
{
    [Fact]
    public async Task ScriptsAndStylesHaveFingerprintedAddressesServedImmutableAndThePageIsNotCached()
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };
        using var page = await http.GetAsync("/sweeps");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.CacheControl?.MaxAge > TimeSpan.Zero, $"the page itself is cacheable: {page.Headers.CacheControl}");
        var assets = Asset().Matches(html).Select(m => m.Groups["path"].Value).Distinct().ToList();
        foreach (var name in new[] { "blazor.web", "MudBlazor.min", "app" })               // the framework's, the library's, ours
            Assert.Contains(assets, a => a.Contains(name, StringComparison.Ordinal) && Fingerprint().IsMatch(a));
        foreach (var asset in assets.Where(a => Fingerprint().IsMatch(a)))
        {
            using var response = await http.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cache = response.Headers.CacheControl;
            Assert.True(cache is { MaxAge.TotalDays: >= 365 } && cache.Extensions.Any(e => e.Name == "immutable"), $"{asset}: Cache-Control {cache}");
        }
    }

    [GeneratedRegex(@"(?:src|href)=""(?<path>[^""]+\.(?:js|css))""")]
    private static partial Regex Asset();

    // MapStaticAssets' fingerprint: a dot-separated run of letters and digits before the extension (app.k3j2h1g0fd.css).
    [GeneratedRegex(@"\.[a-z0-9]{8,}\.(?:js|css)$")]
    private static partial Regex Fingerprint();
}
