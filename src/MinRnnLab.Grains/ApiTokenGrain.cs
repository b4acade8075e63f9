using MinRnnLab.Abstractions;
using Orleans.Concurrency;

namespace MinRnnLab.Grains;

/// <summary>The API's tokens, by SHA-256. Validates what it is given: a grain is reachable by any client of the cluster.</summary>
public sealed class ApiTokenGrain(
    [PersistentState("api-tokens", LabStorage.Name)] IPersistentState<List<StoredApiToken>> state) : Grain, IApiTokenGrain
{
    public async Task<ApiTokenInfo> Add(string name, string sha256Hex, string prefix)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > ApiTokens.MaxNameLength || name.Any(char.IsControl))
            throw new ArgumentException($"a token's name must be 1 to {ApiTokens.MaxNameLength} characters without control characters; got {name.Length}");
        if (sha256Hex is not { Length: 64 } || !sha256Hex.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("a token is stored by its SHA-256 as 64 lowercase hex digits");
        if (prefix is not { Length: ApiTokens.PrefixLength } || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw new ArgumentException($"a token's prefix is its first {ApiTokens.PrefixLength} characters (letters, digits, _ and -)");
        if (state.State.Any(t => t.Sha256 == sha256Hex))
            throw new ArgumentException("a token with this hash is already stored");
        if (state.State.Count >= ApiTokens.MaxTokens)
            throw new ArgumentException($"there are already {ApiTokens.MaxTokens} tokens; revoke one first");
        var token = new StoredApiToken(Guid.NewGuid().ToString("N")[..12], name, prefix, DateTimeOffset.UtcNow, sha256Hex);
        state.State.Add(token);
        await state.WriteStateAsync();
        return token.Info;
    }

    [ReadOnly]
    public Task<ApiTokenInfo[]> List() => Task.FromResult(state.State.Select(t => t.Info).ToArray());

    public async Task<bool> Revoke(string tokenId)
    {
        if (state.State.RemoveAll(t => t.Id == tokenId) == 0)
            return false;
        await state.WriteStateAsync();
        return true;
    }

    // A lookup by hash leaks nothing useful through its timing: the caller cannot choose the hash it makes a token hash to.
    [ReadOnly]
    public Task<ApiTokenInfo?> Find(string sha256Hex) => Task.FromResult(state.State.FirstOrDefault(t => t.Sha256 == sha256Hex)?.Info);
}

/// <summary>A token as stored: its hash, never the token.</summary>
[GenerateSerializer, Alias("MinRnnLab.StoredApiToken")]
public sealed record StoredApiToken(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Prefix,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string Sha256)
{
    public ApiTokenInfo Info => new(Id, Name, Prefix, CreatedAt);
}
