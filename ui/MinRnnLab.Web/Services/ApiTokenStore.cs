using MinRnnLab.Abstractions;
using MinRnnLab.Client;

namespace MinRnnLab.Web.Services;

/// <summary>The API tokens page's view of the cluster's tokens, through the client like every page (ILabService's reason).</summary>
public sealed class ApiTokenStore(IClusterClient cluster)
{
    private readonly LabClient lab = LabClient.ForCluster(cluster);

    public Task<ApiTokenInfo[]> ListAsync() => lab.ListApiTokensAsync();

    /// <summary>Makes a token and returns it, the one time it is shown; ArgumentException for a bad name or too many tokens.</summary>
    public Task<CreatedApiToken> CreateAsync(string name) => lab.CreateApiTokenAsync(name);

    public Task<bool> RevokeAsync(string tokenId) => lab.RevokeApiTokenAsync(tokenId);
}
