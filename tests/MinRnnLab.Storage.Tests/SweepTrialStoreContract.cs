namespace MinRnnLab.Storage.Tests;

/// <summary>
/// What every sweep trial store must do, on a real database (SQLite in the grains tests, PostgreSQL in the cluster
/// tests): one row per (sweep, trial), replaced in place, read back in trial order, never mixed across sweeps.
/// </summary>
public abstract class SweepTrialStoreContract
{
    /// <summary>A new, empty, initialised store.</summary>
    protected abstract Task<ISweepTrialStore> NewStoreAsync();

    [Fact]
    public async Task RowsComeBackInTrialOrderAndAWriteReplacesOnlyItsOwnRow()
    {
        var store = await NewStoreAsync();
        await store.WriteAsync("s", 10, "ten");
        await store.WriteAsync("s", 2, "two");
        await store.WriteAsync("s", 0, "zero");

        await store.WriteAsync("s", 2, "two, finished");

        Assert.Equal(["zero", "two, finished", "ten"], await store.ReadAsync("s"));
    }

    [Fact]
    public async Task SweepsKeepTheirOwnRowsAndAnUnknownSweepHasNone()
    {
        var store = await NewStoreAsync();
        await store.WriteManyAsync("a", [(0, "a0"), (1, "a1")]);
        await store.WriteManyAsync("b", [(0, "b0")]);

        Assert.Equal(["a0", "a1"], await store.ReadAsync("a"));
        Assert.Equal(["b0"], await store.ReadAsync("b"));
        Assert.Empty(await store.ReadAsync("nobody"));
    }

    [Fact]
    public async Task ABatchThatRepeatsATrialKeepsItsLastRow()
    {
        var store = await NewStoreAsync();
        await store.WriteManyAsync("s", [(0, "first"), (1, "one"), (0, "last")]);

        Assert.Equal(["last", "one"], await store.ReadAsync("s"));
    }

    [Fact]
    public async Task DeletingASweepsRowsLeavesEveryOtherSweepsRows()
    {
        var store = await NewStoreAsync();
        await store.WriteManyAsync("a", [(0, "a0"), (1, "a1"), (2, "a2")]);
        await store.WriteManyAsync("ab", [(0, "ab0")]);
        await store.WriteManyAsync("b", [(1, "b1")]);

        Assert.Equal(1, await store.DeleteAsync("a", [1]));
        Assert.Equal(["a0", "a2"], await store.ReadAsync("a"));
        Assert.Equal(2, await store.DeleteAsync("a"));

        Assert.Empty(await store.ReadAsync("a"));
        Assert.Equal(["ab0"], await store.ReadAsync("ab"));
        Assert.Equal(["b1"], await store.ReadAsync("b"));
        Assert.Equal(0, await store.DeleteAsync("a"));                                  // twice: nothing left, no error
    }
}
