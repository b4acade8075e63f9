namespace MinRnnLab.Storage.Tests;

/// <summary>
/// A metrics.db written by a build that named its tables metrics and curve_summaries (PostgreSQL's are run_metrics
/// and run_curve_summaries) opens with its rows kept, under the names both stores now share.
/// </summary>
public sealed class SqliteTableRenameTests : IDisposable
{
    private readonly SqliteFolder files = new();

    [Fact]
    public async Task ADatabaseWithTheOldTableNamesKeepsItsRowsUnderTheNewNames()
    {
        var database = await OldDatabaseAsync();
        var store = new SqliteMetricsStore(database);

        await store.InitializeAsync();
        await store.InitializeAsync();                                                  // every later start finds it done

        Assert.Equal(["run_curve_summaries", "run_metrics"], await SqliteFolder.TablesAsync(database));
        Assert.Equal([(0, 4.5), (10, 3.25)], (await store.ReadAsync("old/0", "val_loss")).Select(m => (m.Step, m.Value)));
        var summary = Assert.Single(await store.ReadSummariesAsync(["old/0"], ["val_loss"], 400));
        Assert.Equal([0, 10], summary.Steps);
        Assert.Equal([4.5, 3.25], summary.Values);
        await store.AppendAsync("old/0", [(20, "val_loss", 3.0)]);                     // and it goes on from there
        Assert.Equal(3, (await store.ReadAsync("old/0")).Count);
    }

    [Fact]
    public async Task RowsUnderBothNamesAreRefusedNamingTheFileAndNothingIsDropped()
    {
        var database = await OldDatabaseAsync();
        await database.ExecuteAsync("CREATE TABLE run_metrics (run_id TEXT NOT NULL, name TEXT NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (run_id, name, step)) WITHOUT ROWID");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => new SqliteMetricsStore(database).InitializeAsync());

        Assert.Contains(database.Path, refused.Message);
        Assert.Contains("metrics", await SqliteFolder.TablesAsync(database));
    }

    /// <summary>The schema and rows as the older build wrote them.</summary>
    private async Task<SqliteDatabase> OldDatabaseAsync()
    {
        var database = files.Database("metrics.db");
        await database.ExecuteAsync("""
            CREATE TABLE metrics (
                run_id TEXT NOT NULL, name TEXT NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL,
                PRIMARY KEY (run_id, name, step)
            ) WITHOUT ROWID;
            CREATE TABLE curve_summaries (
                run_id TEXT NOT NULL, name TEXT NOT NULL, max_points INTEGER NOT NULL, last_step INTEGER NOT NULL,
                stored_points INTEGER NOT NULL, steps BLOB NOT NULL, vals BLOB NOT NULL,
                PRIMARY KEY (run_id, name, max_points)
            ) WITHOUT ROWID;
            INSERT INTO metrics VALUES ('old/0', 'val_loss', 0, 4.5), ('old/0', 'val_loss', 10, 3.25);
            """);
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO curve_summaries VALUES ('old/0', 'val_loss', 400, 10, 2, $steps, $vals)";
        command.Parameters.AddWithValue("$steps", new[] { 0, 10 }.SelectMany(BitConverter.GetBytes).ToArray());
        command.Parameters.AddWithValue("$vals", new[] { 4.5, 3.25 }.SelectMany(BitConverter.GetBytes).ToArray());
        await command.ExecuteNonQueryAsync();
        return database;
    }

    public void Dispose() => files.Dispose();
}
