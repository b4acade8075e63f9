using MinRnnLab.Grains;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Abstractions;
using MinRnnLab.Hosting.Persistence;
using MinRnnLab.Storage;
using Orleans.Runtime;

namespace MinRnnLab.Worker.Tests;

/// <summary>What a run's page shows besides its curves: the attempts at it and its log, written by real training.</summary>
public class RunHistoryTests
{
    [Fact]
    public async Task ARunPreemptedOnceShowsTwoAttemptsTheSecondResumedFromTheCheckpoint()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync("""
            name: attempts
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny, max_iters: 600, eval_interval: 20, lr_decay_iters: 600, n_embd: 32}
            max_restarts: 3
            checkpoint_interval: 20
            """);                                                                      // long: the revoke must land before the end
        var runId = $"{sweep.SweepId}/0";
        await Poll.Until(() => lab.Client.Run(runId).GetStatus().Found(), s => s.LastCheckpointStep >= 40);

        await lab.Client.Queue.Revoke(runId);                                           // as if its machine had died

        await lab.Client.WaitForSweepAsync(sweep.SweepId);
        var attempts = await lab.Client.Run(runId).GetAttempts().Found();
        // Usually [1, 2]; with the tests' 3 s lease a stalled machine can let a later lease lapse as well.
        Assert.Equal(Enumerable.Range(1, attempts.Length), attempts.Select(a => a.Number));
        Assert.True(attempts.Length >= 2);
        var (first, second) = (attempts[0], attempts[^1]);
        Assert.Equal(RunState.Preempted, first.Outcome);
        Assert.Contains("lease revoked", first.Reason);
        Assert.NotNull(first.EndedAt);
        Assert.Null(first.ResumedFromStep);
        Assert.Contains(40, first.CheckpointSteps);
        Assert.Equal(RunState.Succeeded, second.Outcome);
        // The first worker may save once more before it notices the revoke: the second resumes from what is on disk.
        Assert.True(second.ResumedFromStep >= first.CheckpointSteps.Max(), $"resumed from {second.ResumedFromStep}");
        Assert.Equal(600, second.LastStep);
        Assert.Equal(600, second.CheckpointSteps[^1]);
        Assert.True(second.StartedAt >= first.EndedAt);
        var log = File.ReadAllText(new LabPaths(lab.Options.DataFolder).RunLogFile(runId));
        Assert.Contains($"resumed from step {second.ResumedFromStep}, attempt {second.Number} on worker {second.Worker}", log);
    }

    [Fact]
    public async Task TrainingARunWritesItsLogWithStepCheckpointAndEndLines()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync("""
            name: log
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny, max_iters: 20, eval_interval: 10, n_embd: 16}
            checkpoint_interval: 10
            """);
        var runId = $"{sweep.SweepId}/0";

        await lab.Client.WaitForSweepAsync(sweep.SweepId);

        var lines = RunLog.Tail(new LabPaths(lab.Options.DataFolder).RunLogFile(runId), 100);
        Assert.All(lines, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ", line));
        var messages = lines.Select(line => line[(line.IndexOf(' ') + 1)..]).ToArray();
        Assert.StartsWith("started at step 0, attempt 1 on worker ", messages[0]);
        Assert.Matches(@"^step 0: train loss \d+\.\d{4}, val loss \d+\.\d{4}$", messages[1]);
        Assert.Contains(messages, m => m.StartsWith("step 20: train loss ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("checkpoint at step 10 saved to ", StringComparison.Ordinal));
        Assert.StartsWith("succeeded at step 20: final val loss ", messages[^1]);
    }

    [Fact]
    public async Task RunStateStoredBeforeAttemptsWereRecordedStillLoads()
    {
        var folder = Path.Combine(Path.GetTempPath(), "minrnn-lab-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var storage = new SqliteGrainStorage(new SqliteDatabase(Path.Combine(folder, "state.db")));
        var grain = GrainId.Create("run", "old/0");
        await storage.WriteStateAsync("run", grain, new GrainState<StateBeforeAttempts>(new() { State = RunState.Succeeded, Attempt = 2, LastStep = 120 }));

        var read = new GrainState<RunGrainState>();
        await storage.ReadStateAsync("run", grain, read);

        var state = read.State!;
        Assert.Equal((RunState.Succeeded, 2, 120), (state.State, state.Attempt, state.LastStep));
        Assert.Empty(state.Attempts);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>RunGrainState as it was stored before it kept attempts.</summary>
    private sealed class StateBeforeAttempts
    {
        public RunSpec? Spec { get; set; }
        public RunState State { get; set; }
        public int Attempt { get; set; }
        public string? Worker { get; set; }
        public int LastStep { get; set; }
        public int? LastCheckpointStep { get; set; }
    }
}
