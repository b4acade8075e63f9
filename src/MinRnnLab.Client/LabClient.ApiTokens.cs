using System.Security.Cryptography;
using System.Text;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Client;

/// <summary>Bearer tokens of the HTTP API: made here, stored by the cluster as their SHA-256 only.</summary>
public sealed partial class LabClient
{
    private IApiTokenGrain ApiTokenStore => Cluster.GetGrain<IApiTokenGrain>(0);

    /// <summary>
    /// Makes a token of 32 random bytes ("mrl_" and 43 base64url characters), stores its SHA-256 under
    /// <paramref name="name"/>, and returns it: the only time the token is seen. Throws ArgumentException for a bad name
    /// or when <see cref="ApiTokens.MaxTokens"/> exist.
    /// </summary>
    public async Task<CreatedApiToken> CreateApiTokenAsync(string name)
    {
        var token = "mrl_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var info = await ApiTokenStore.Add(name, HashApiToken(token), token[..ApiTokens.PrefixLength]);
        return new CreatedApiToken(info, token);
    }

    public Task<ApiTokenInfo[]> ListApiTokensAsync() => ApiTokenStore.List();

    /// <summary>Revokes a token at once: the next call with it is refused. False when there is no such token.</summary>
    public Task<bool> RevokeApiTokenAsync(string tokenId) => ApiTokenStore.Revoke(tokenId);

    /// <summary>The stored token this is, or null (a bearer token the API refuses).</summary>
    public Task<ApiTokenInfo?> FindApiTokenAsync(string token) => ApiTokenStore.Find(HashApiToken(token));

    /// <summary>What the cluster stores of a token: its SHA-256, as 64 lowercase hex digits.</summary>
    public static string HashApiToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>A token just made: <see cref="Token"/> is shown once and then exists only with whoever copied it.</summary>
public sealed record CreatedApiToken(ApiTokenInfo Info, string Token);
