using System.Globalization;
using System.Net;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;

namespace MinRnnLab.Cluster.Tests;

/// <summary>
/// A silo killed (SIGKILL, by the delete drill) in the middle of deleting a sweep, after its first run's files and
/// metrics went and before its second run's: a new silo on the same folder shows the sweep as deleting, finishes the
/// delete, and its pages and lists work throughout; the other sweep keeps everything.
/// </summary>
public class InterruptedDeleteTests
{
    private static string SweepFile(string name, int trials) => $$"""
        name: {{name}}
        metric: {name: val_loss}
        method: grid
        parallel: {{trials}}
        parameters:
          learning_rate: {values: [{{string.Join(", ", Enumerable.Range(1, trials).Select(i => $"{i}e-3"))}}]}
        base: {preset: tiny, max_iters: 20, eval_interval: 10, n_embd: 16}
        checkpoint_interval: 10
        """;

    [Fact]
    public async Task ADeleteKilledMidwayIsFinishedByTheNextSiloAndPagesWorkThroughout()
    {
        var data = Path.Combine(Path.GetTempPath(), "minrnn-delete-tests", Guid.NewGuid().ToString("N"));
        var paths = new LabPaths(data, Path.Combine(data, "artifacts"));
        var gateway = FreePort.Next();
        string doomed, kept;
        using (var first = StartSilo(data, gateway, killAfterDeletedRuns: 1))
        {
            await using var client = await Poll.UntilThroughFailures(() => LabClient.ConnectAsync(gateway), _ => true, seconds: 120, pollMs: 1000);
            doomed = (await client.SubmitSweepAsync(SweepFile("doomed", 2), "doomed.yaml")).Status!.SweepId;
            kept = (await client.SubmitSweepAsync(SweepFile("kept", 1), "kept.yaml")).Status!.SweepId;
            await client.WaitForSweepAsync(doomed);
            await client.WaitForSweepAsync(kept);
            Assert.True(Directory.Exists(paths.CheckpointFolder($"{doomed}/1")));

            // The silo dies mid-call: its answer never comes (the client would wait out the call's timeout), so only the exit is awaited.
            var deleting = client.Sweep(doomed).Delete();
            _ = deleting.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            Assert.NotEqual(0, await first.WaitForExit());
            Assert.False(deleting.IsCompletedSuccessfully);
        }
        // The half-state the kill left: the first run's files gone, the second run's still there.
        Assert.False(Directory.Exists(paths.RunArtifactsFolder($"{doomed}/0")));
        Assert.True(Directory.Exists(paths.CheckpointFolder($"{doomed}/1")));

        var restartedGateway = FreePort.Next();
        using var second = StartSilo(data, restartedGateway, killAfterDeletedRuns: 0);
        try
        {
            await using var client = await Poll.UntilThroughFailures(() => LabClient.ConnectAsync(restartedGateway), _ => true, seconds: 120, pollMs: 1000);
            await using var web = await StartWebClientAsync(restartedGateway);
            using var http = new HttpClient { BaseAddress = new Uri(web.Urls.First()) };

            // Listing the sweeps activates the sweep, which finishes its delete; the pages answer all along.
            var listed = await client.ListSweepsAsync();
            Assert.Contains(listed, s => s.SweepId == kept);
            Assert.All(listed.Where(s => s.SweepId == doomed), s => Assert.Equal(SweepState.Deleting, s.State));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
            await Poll.Until(() => client.Sweep(doomed).GetStatus(), s => s is null);

            Assert.False(Directory.Exists(Path.Combine(paths.ArtifactsFolder, "runs", doomed)));
            var metrics = new SqliteMetricsStore(new SqliteDatabase(paths.MetricsDatabase));
            Assert.Empty(await metrics.ReadAsync($"{doomed}/0"));
            Assert.Empty(await metrics.ReadAsync($"{doomed}/1"));
            Assert.Null(await client.Run($"{doomed}/1").GetStatus());
            Assert.DoesNotContain(doomed, (await client.ListSweepsAsync()).Select(s => s.SweepId));
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/sweeps/{doomed}")).StatusCode);

            // The other sweep keeps its run, points and checkpoints, and its pages.
            Assert.Equal(SweepState.Completed, (await client.GetSweepAsync(kept)).State);
            Assert.NotEmpty(await metrics.ReadAsync($"{kept}/0"));
            Assert.NotEmpty((await client.ListCheckpointsAsync($"{kept}/0"))!);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/sweeps/{kept}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/sweeps/{kept}/runs/0")).StatusCode);
            await web.StopAsync();
        }
        finally
        {
            second.Dispose();                                                           // before its folder goes
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<WebApplication> StartWebClientAsync(int gateway)
    {
        var web = LabWebApp.Build(
        [
            "--urls", $"http://127.0.0.1:{FreePort.Next()}",
            "--Web:Mode", "client", "--Web:Gateways:0", $"127.0.0.1:{gateway}",
            "--Lab:DataFolder", Path.Combine(Path.GetTempPath(), "minrnn-delete-tests-web", Guid.NewGuid().ToString("N")),
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await web.StartAsync();
        return web;
    }

    private static TestProcess StartSilo(string data, int gateway, int killAfterDeletedRuns)
    {
        var settings = new Dictionary<string, string>
        {
            ["Lab__Storage"] = "sqlite",
            ["Lab__DataFolder"] = data,
            ["Lab__ArtifactsFolder"] = Path.Combine(data, "artifacts"),
            ["Lab__CorpusPath"] = TestCorpus.FilePath,
            ["Lab__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Lab__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
        };
        if (killAfterDeletedRuns > 0)
            settings["MINRNN_DELETE_DRILL_KILL_AFTER_RUNS"] = killAfterDeletedRuns.ToString(CultureInfo.InvariantCulture);
        return SiloProcess.Start(settings);
    }
}
