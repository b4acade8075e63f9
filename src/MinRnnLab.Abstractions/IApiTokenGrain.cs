namespace MinRnnLab.Abstractions;

/// <summary>
/// The HTTP API's bearer tokens (one instance, key 0). Only each token's SHA-256 is stored: the token itself is shown
/// once, when it is made (LabClient.CreateApiTokenAsync), and never reaches the cluster.
/// </summary>
public interface IApiTokenGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Stores a token by its SHA-256 (64 lowercase hex digits) under <paramref name="name"/> (1 to
    /// <see cref="ApiTokens.MaxNameLength"/> printable characters) with the token's first characters as
    /// <paramref name="prefix"/>, so a list can tell tokens apart. Throws ArgumentException naming what is wrong
    /// (the name, the hash, a hash already stored, more than <see cref="ApiTokens.MaxTokens"/> tokens).
    /// </summary>
    Task<ApiTokenInfo> Add(string name, string sha256Hex, string prefix);

    /// <summary>Every token that has not been revoked, oldest first.</summary>
    Task<ApiTokenInfo[]> List();

    /// <summary>Forgets the token for good; false when there is no token <paramref name="tokenId"/>.</summary>
    Task<bool> Revoke(string tokenId);

    /// <summary>The token whose SHA-256 this is; null when none is stored (never made, or revoked).</summary>
    Task<ApiTokenInfo?> Find(string sha256Hex);
}

/// <summary>What is shown of a token once made: never the token, nor its hash.</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.ApiTokenInfo")]
public sealed record ApiTokenInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Prefix,
    [property: Id(3)] DateTimeOffset CreatedAt);

/// <summary>Bounds on API tokens, shared by the grain that enforces them and the page that asks for a name.</summary>
public static class ApiTokens
{
    public const int MaxNameLength = 80;

    public const int MaxTokens = 100;

    /// <summary>Characters of the token kept as its prefix: enough to recognise it, far too few to guess the rest.</summary>
    public const int PrefixLength = 8;
}
