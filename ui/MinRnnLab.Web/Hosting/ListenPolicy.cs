using System.Net;

namespace MinRnnLab.Web.Hosting;

/// <summary>
/// Decides whether the configured listen addresses stay on this machine. Anything else (a LAN address, "*",
/// "0.0.0.0", "+") exposes a UI that can start training jobs, so it needs an admin secret.
/// </summary>
public static class ListenPolicy
{
    public const string DefaultUrls = "http://localhost:5080";

    public static bool IsLoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsLoopback);

    private static bool IsLoopback(string url)
    {
        // "http://*:5000" and "http://+:5000" are not valid Uris; anything unparsable counts as exposed.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return false;
        var host = uri.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Throws at startup, before anything listens, when the UI would be exposed without a secret.</summary>
    public static void Enforce(string urls, WebOptions web)
    {
        if (!IsLoopbackOnly(urls) && !web.RequiresLogin)
            throw new InvalidOperationException(
                $"listening on '{urls}' exposes the UI beyond this machine; set Web:AdminSecret (e.g. the environment variable Web__AdminSecret) to require a login");
    }
}
