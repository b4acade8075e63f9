using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Training.Sampling;
using MinRnnLab.Web.Hosting;
using MinRnnLab.Web.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MinRnnLab.Cluster.Tests;

/// <summary>
/// The web UI in client mode on a machine without the artifacts folder: everything it shows of the cluster comes
/// through grains, so it sees every silo's devices and generates text from checkpoints it cannot read itself.
/// </summary>
public class WebClientTests
{
    private const string OneRun = """
        name: web-client
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: 20, eval_interval: 10, n_embd: 16}
        checkpoint_interval: 10
        """;

    [Fact]
    public async Task AWebClientWithoutArtifactsShowsEverySilosIdleDevicesAndSamplesACheckpointTheOtherSiloWrote()
    {
        await using var cluster = await InProcessCluster.StartAsync(silos: 2);
        var sweep = await cluster.SubmitAsync(OneRun);
        var runId = $"{sweep.SweepId}/0";
        await cluster.Client.WaitForSweepAsync(sweep.SweepId);
        // The attempt that wrote the final checkpoint (usually the only one) names the silo that trained it.
        var writer = (await cluster.Client.Run(runId).GetAttempts().Found())[^1].Worker;
        var view = await Poll.UntilThroughFailures(cluster.Client.GetClusterViewAsync, v => v.Silos.Length == 2 && v.Silos.All(s => s.Devices.Length == 1));
        var trainedOn = view.Silos.Single(s => s.Devices.Any(d => d.Worker == writer)).Address;
        var otherGateway = cluster.Gateways().Single(g => g.Address != trainedOn).GatewayPort;

        var webData = Path.Combine(Path.GetTempPath(), "minrnn-web-client-tests", Guid.NewGuid().ToString("N"));
        await using var web = LabWebApp.Build(
        [
            "--urls", $"http://127.0.0.1:{FreePort.Next()}",
            "--Web:Mode", "client", "--Web:Gateways:0", $"127.0.0.1:{otherGateway}",
            "--Lab:DataFolder", webData,
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await web.StartAsync();
        var lab = web.Services.GetRequiredService<LabClient>();                            // what the pages read through

        var overview = await Poll.UntilThroughFailures(() => OverviewReader.ReadAsync(lab), o => o.Devices.Count == 2 && o.Devices.All(d => d.RunId is null));
        Assert.Equal(2, overview.Silos.Count);
        Assert.Equal(view.Silos.SelectMany(s => s.Devices).Select(d => d.Worker).Order(), overview.Devices.Select(d => d.Worker).Order());
        Assert.All(overview.Devices, d => Assert.Equal("cpu", d.Device));

        var request = new SampleRequest("ROMEO:", Length: 40, Temperature: 0.8, TopK: 50, Seed: 7);
        var text = await SampleAsync(runId, request);
        var checkpoint = new LabPaths(cluster.Options(0).DataFolder, cluster.ArtifactsFolder).CheckpointFolder(runId);
        var sampler = TextSampler.FromCheckpoint(BestCheckpoint.FolderBeside(checkpoint));   // sampling reads the best by default
        using (sampler.Model)
            Assert.Equal(sampler.Sample(request.Prompt, request.Length, request.Temperature, request.TopK, request.Seed), text);
        var checkpoints = await lab.ListCheckpointsAsync(runId) ?? [];
        Assert.Equal(20, checkpoints.Single(c => c.Kind == CheckpointKind.Latest).Step);
        Assert.Contains(checkpoints.Single(c => c.Kind == CheckpointKind.Best).Step, new[] { 10, 20 });
        Assert.Contains(await lab.ReadLogTailAsync(runId, 50) ?? [], line => line.Contains("succeeded at step 20", StringComparison.Ordinal));

        // What the pages show for mistakes, told by the silo: the same readable errors as in embedded mode.
        Assert.Null(await SampleAsync("no-such-sweep/0", request));
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => SampleAsync(runId, request with { Length = SampleRequest.MaxLength + 1 }));
        Assert.Contains("length 2001", tooLong.Message);

        Assert.Null(web.Services.GetService<LabPaths>());
        Assert.False(Directory.Exists(webData), "the web client created a data folder");
        await web.StopAsync();

        Task<string?> SampleAsync(string id, SampleRequest r) => lab.SampleAsync(id, r.Prompt, r.Length, r.Temperature, r.Seed, r.TopK, r.Checkpoint);
    }
}
