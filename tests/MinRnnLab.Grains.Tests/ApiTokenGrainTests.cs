using MinRnnLab.Abstractions;

namespace MinRnnLab.Grains.Tests;

/// <summary>The API token store validates what it is given: any client of the cluster can call it, not only the web's page.</summary>
public class ApiTokenGrainTests
{
    private static readonly string Hash = new('a', 64);

    [Theory]
    [InlineData("", "name must be 1 to 80 characters")]
    [InlineData("bell\a", "name must be 1 to 80 characters without control characters")]
    public async Task ABadNameIsRefusedAndNothingStored(string name, string error)
    {
        await using var silo = await GrainSilo.StartAsync();
        var tokens = silo.Grains.GetGrain<IApiTokenGrain>(0);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => tokens.Add(name, Hash, "mrl_abcd"));

        Assert.Contains(error, refused.Message);
        Assert.Empty(await tokens.List());
    }

    [Theory]
    [InlineData("ABCDEF0000000000000000000000000000000000000000000000000000000000", "mrl_abcd", "64 lowercase hex digits")]
    [InlineData("abc", "mrl_abcd", "64 lowercase hex digits")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "mrl_abcdefgh", "first 8 characters")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "mrl ab<d", "first 8 characters")]
    public async Task OnlyAHashAndAShortPrefixAreAccepted(string hash, string prefix, string error)
    {
        await using var silo = await GrainSilo.StartAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => silo.Grains.GetGrain<IApiTokenGrain>(0).Add("n", hash, prefix));

        Assert.Contains(error, refused.Message);
    }

    [Fact]
    public async Task ATokenIsFoundByItsHashUntilRevokedAndAHashIsStoredOnce()
    {
        await using var silo = await GrainSilo.StartAsync();
        var tokens = silo.Grains.GetGrain<IApiTokenGrain>(0);

        var added = await tokens.Add("notebook", Hash, "mrl_abcd");

        Assert.Equal(added, await tokens.Find(Hash));
        Assert.Null(await tokens.Find(new string('b', 64)));
        Assert.Contains("already stored", (await Assert.ThrowsAsync<ArgumentException>(() => tokens.Add("again", Hash, "mrl_abcd"))).Message);
        Assert.True(await tokens.Revoke(added.Id));
        Assert.Null(await tokens.Find(Hash));
        Assert.False(await tokens.Revoke(added.Id));
    }

    [Fact]
    public async Task NoMoreThanTheMostTokensAreKept()
    {
        await using var silo = await GrainSilo.StartAsync();
        var tokens = silo.Grains.GetGrain<IApiTokenGrain>(0);
        for (var i = 0; i < ApiTokens.MaxTokens; i++)
            await tokens.Add($"t{i}", i.ToString("x64"), "mrl_abcd");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => tokens.Add("one more", new string('f', 64), "mrl_abcd"));

        Assert.Contains($"already {ApiTokens.MaxTokens} tokens; revoke one first", refused.Message);
    }
}
