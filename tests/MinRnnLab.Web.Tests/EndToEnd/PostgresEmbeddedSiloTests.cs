using MinRnnLab.Web.Embedded;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Web.Hosting;
using Npgsql;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// Lab:Storage=postgres in the web app's co-hosted silo joins the PostgreSQL cluster, as the worker silo does
/// (it was once ignored there: the UI ran on SQLite files in its data folder while the operator thought otherwise).
/// </summary>
public sealed class PostgresEmbeddedSiloTests : IAsyncLifetime
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "minrnn-web-tests", Guid.NewGuid().ToString("N"));
    private readonly int siloPort = FreePort.Next();
    private string database = "";
    private WebApplication? app;

    public async Task InitializeAsync()
    {
        database = await PostgresServer.CreateDatabaseAsync();
        app = EmbeddedWebApp.Build(
        [
            "--urls", $"http://127.0.0.1:{FreePort.Next()}",
            "--Lab:Storage", "postgres", "--Lab:ConnectionString", database, "--Lab:AdvertisedIp", "127.0.0.1",
            "--Lab:DataFolder", dataFolder, "--Lab:CorpusPath", TestCorpus.FilePath,
            "--Lab:Executor", "noop", "--Lab:PollInterval", "00:00:00.100",
            "--Lab:SiloPort", siloPort.ToString(), "--Lab:GatewayPort", FreePort.Next().ToString(),
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.StartAsync();
    }

    [Fact]
    public async Task TheCoHostedSiloKeepsMembershipTrialsAndMetricsInPostgresAndWritesNoSqliteFile()
    {
        var lab = LabClient.ForCluster(app!.Services.GetRequiredService<IClusterClient>());

        var submitted = await lab.SubmitSweepAsync("""
            name: web-on-postgres
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny, max_iters: 4, eval_interval: 2}
            seeds: 2
            """, "web-on-postgres.yaml");
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var final = await lab.WaitForSweepAsync(submitted.Status!.SweepId, cancel: patience.Token);

        Assert.Equal(SweepState.Completed, final.State);
        await using var postgres = NpgsqlDataSource.Create(database);
        Assert.Equal(1L, await CountAsync(postgres, $"SELECT count(*) FROM orleans_membership WHERE port = {siloPort} AND status = 3"));   // 3: Active
        Assert.Equal(2L, await CountAsync(postgres, $"SELECT count(*) FROM sweep_trials WHERE sweep_id = '{final.SweepId}'"));
        Assert.True(await CountAsync(postgres, $"SELECT count(*) FROM run_metrics WHERE run_id LIKE '{final.SweepId}/%'") > 0);
        Assert.Empty(Directory.GetFiles(dataFolder, "*.db"));
    }

    private static async Task<long> CountAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
    }
}
