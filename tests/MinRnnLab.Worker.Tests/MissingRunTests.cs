using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Grains;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Hosting;
using MinRnnLab.Hosting.Persistence;
using MinRnnLab.Storage;
using MinRnnLab.Tests.Shared;
using Orleans.Runtime;
using Orleans.Storage;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// A sweep never hangs on a run that does not exist: a trial whose run could not be created is created again within
/// a lease period, or failed with its cause after a few tries; a worker that leases a run without a spec hands it back.
/// </summary>
public sealed class MissingRunTests
{
    private const string TwoTrials = """
        name: missing-runs
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: 4, eval_interval: 1}
        seeds: 2
        parallel: 2
        """;

    [Fact]
    public async Task RunsThatCouldNotBeCreatedAreCreatedAgainOnceTheirStateCanBeWritten()
    {
        await using var lab = await FullRunStorageLab.StartAsync();
        lab.Storage.Fill("run");
        var submitted = await lab.Client.SubmitSweepAsync(TwoTrials, "missing-runs.yaml");   // accepted: its trials are recorded
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        await Poll.Until(() => Task.FromResult(lab.Storage.Refused("run")), refused => refused >= 2);
        Assert.Null(await lab.Client.Run($"{submitted.Status!.SweepId}/0").GetStatus());
        lab.Storage.Free();

        await BothTrialsSucceedAsync(lab.Client, submitted.Status.SweepId);
    }

    [Fact]
    public async Task ATrialWhoseRunCanNeverBeCreatedFailsWithItsCauseAndTheSweepEnds()
    {
        await using var lab = await FullRunStorageLab.StartAsync();
        lab.Storage.Fill("run");
        var submitted = await lab.Client.SubmitSweepAsync(TwoTrials, "missing-runs.yaml");
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));    // 3 tries, a lease period (3 s) apart
        var final = await lab.Client.WaitForSweepAsync(submitted.Status!.SweepId, cancel: patience.Token);
        Assert.Equal(SweepState.Failed, final.State);                                  // every trial failed
        Assert.Equal(2, final.RunsByState.GetValueOrDefault(RunState.Failed));
        var trial = (await lab.Client.Sweep(submitted.Status.SweepId).GetTrials())![0];
        Assert.Contains("its run could not be created (3 of 3 attempts)", trial.Reason);
        Assert.Contains("database or disk is full", trial.Reason);
    }

    [Fact]
    public async Task ARunWhoseSiloIsUnreachableIsCreatedAgainPastTheAttemptLimitAndItsTrialNeverFails()
    {
        await using var lab = await FullRunStorageLab.StartAsync();
        lab.Storage.Refusal = () => new SiloUnavailableException("the run's silo was declared dead");
        lab.Storage.Fill("run");
        var submitted = await lab.Client.SubmitSweepAsync(TwoTrials, "missing-runs.yaml");
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        // Each trial's run refused once more than the attempts that fail a trial for any other cause (3, a lease apart).
        var sweep = lab.Client.Sweep(submitted.Status!.SweepId);
        var trials = await Poll.Until(async () => (await sweep.GetTrials())!,
            listed => lab.Storage.Refused("run") >= 2 * 4 || listed.Any(t => t.State == RunState.Failed), seconds: 60);
        Assert.All(trials, t => Assert.True(t.State != RunState.Failed, $"trial {t.Index} failed: {t.Reason}"));
        lab.Storage.Free();

        await BothTrialsSucceedAsync(lab.Client, submitted.Status.SweepId);
    }

    [Fact]
    public async Task ARunStoredButNeverQueuedIsQueuedAgainAndTrains()
    {
        await using var lab = await FullRunStorageLab.StartAsync();
        lab.Storage.Fill("queue");                                                       // each run's state is written, its enqueue refused
        var submitted = await lab.Client.SubmitSweepAsync(TwoTrials, "missing-runs.yaml");
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        await Poll.Until(() => Task.FromResult(lab.Storage.Refused("queue")), refused => refused >= 2);
        // As when the run's silo dies after its state write: a new activation reads the stored run, not the one the
        // failed call rolled back.
        await lab.Client.Cluster.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.NotNull(await lab.Client.Run($"{submitted.Status!.SweepId}/0").GetSpec());   // the run exists; the queue never got it
        lab.Storage.Free();

        await BothTrialsSucceedAsync(lab.Client, submitted.Status.SweepId);
    }

    [Fact]
    public async Task AWorkerHandsBackTheLeaseOfARunThatWasNeverCreatedAndGoesOnTraining()
    {
        await using var lab = await Lab.StartAsync(executor: ExecutorKind.Noop);
        await lab.Client.Queue.Enqueue("never-created/0", "cpu");

        await Poll.Until(() => lab.Client.Queue.GetSnapshot(), q => q.Queued.Length == 0 && q.Leases.Length == 0, seconds: 30);
        var sweep = await lab.SubmitAsync(TwoTrials);
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var final = await lab.Client.WaitForSweepAsync(sweep.SweepId, cancel: patience.Token);
        Assert.Equal(2, final.RunsByState.GetValueOrDefault(RunState.Succeeded));
    }

    private static async Task BothTrialsSucceedAsync(LabClient client, string sweepId)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var final = await client.WaitForSweepAsync(sweepId, cancel: patience.Token);
        Assert.Equal(SweepState.Completed, final.State);
        Assert.Equal(2, final.RunsByState.GetValueOrDefault(RunState.Succeeded));
    }

    /// <summary>A no-op platform whose grain storage can refuse the runs' state writes.</summary>
    private sealed class FullRunStorageLab : IAsyncDisposable
    {
        private readonly LabOptions options;

        private FullRunStorageLab(LabOptions options, FullStateStorage storage, LabClient client) =>
            (this.options, Storage, Client) = (options, storage, client);

        public FullStateStorage Storage { get; }
        public LabClient Client { get; }

        public static async Task<FullRunStorageLab> StartAsync()
        {
            var options = Lab.NewOptions(executor: ExecutorKind.Noop);
            var storage = new FullStateStorage(new SqliteGrainStorage(new SqliteDatabase(new LabPaths(options.DataFolder).StateDatabase)));
            var client = await LabClient.StartEmbeddedAsync(options,
                configure: silo => silo.Services.AddKeyedSingleton<IGrainStorage>(LabStorage.Name, (_, _) => storage));
            return new FullRunStorageLab(options, storage, client);
        }

        public async ValueTask DisposeAsync()
        {
            Storage.Free();
            await Client.DisposeAsync();
            try { Directory.Delete(options.DataFolder, recursive: true); } catch (IOException) { }
        }
    }
}
