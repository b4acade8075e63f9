using MinRnnLab.Abstractions;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>
/// A sweep of <see cref="FakeLab"/>, read and changed as the pages do; null for a sweep the lab does not hold, as the
/// grain answers. What only the platform calls (submission goes through the lab, run reports come from runs) is refused.
/// </summary>
internal sealed class FakeSweepGrain(FakeLab lab, string sweepId) : ISweepGrain
{
    private bool Known => lab.Known(sweepId);

    public Task<SweepStatus?> GetStatus() => Task.FromResult(lab.Sweeps.SingleOrDefault(s => s.SweepId == sweepId));
    public Task<TrialInfo[]?> GetTrials() => Task.FromResult(Known ? lab.Trials.GetValueOrDefault(sweepId, []) : null);
    public Task<SweepPlan?> GetPlan(int limit) => Task.FromResult(Known ? lab.Plans.GetValueOrDefault(sweepId, new SweepPlan([], 0)) : null);
    public Task<string?> GetDefinition() => Task.FromResult(Known ? lab.Files.GetValueOrDefault(sweepId, "name: x") : null);
    public async Task<SweepPage?> GetPage(int planLimit)
    {
        Interlocked.Increment(ref lab.PageReads);
        if (Interlocked.Decrement(ref lab.PageReadsTimingOut) >= 0)
            throw new TimeoutException($"Response did not arrive on time in 00:00:30 for message: GetPage of {sweepId}");
        return await GetStatus() is { } status ? new SweepPage(status, (await GetTrials())!, (await GetPlan(planLimit))!, (await GetDefinition())!) : null;
    }

    public Task<SweepStatus?> Cancel()
    {
        lab.Cancelled.Add(sweepId);
        return GetStatus();
    }

    public Task<SweepStatus?> Pause() => GetStatus();
    public Task<SweepStatus?> Resume() => GetStatus();

    public Task<DeleteResult?> Delete()
    {
        lab.Deleted.Add(sweepId);
        return Task.FromResult(lab.Sweeps.RemoveAll(s => s.SweepId == sweepId) > 0 ? new DeleteResult(sweepId, 1, 1000, 10) : null);
    }

    public Task<DeleteResult?> DeleteRun(string runId)
    {
        lab.Deleted.Add(runId);
        return Task.FromResult<DeleteResult?>(new DeleteResult(runId, 1, 1000, 10));
    }

    /// <summary>Adds and removes tags and replaces notes and names on the sweep's status, without the grain's checks.</summary>
    public Task<Labels?> EditLabels(LabelEdit edit)
    {
        lab.LabelEdits.Add((sweepId, edit));
        var index = lab.Sweeps.FindIndex(s => s.SweepId == sweepId);
        if (index < 0)
            return Task.FromResult<Labels?>(null);
        var labels = lab.Sweeps[index].Labels;
        var tags = labels.Tags.Concat(edit.AddTags ?? []).Except(edit.RemoveTags ?? []).Distinct().ToArray();
        var after = new Labels(edit.Name is null ? labels.Name : edit.Name.Length == 0 ? null : edit.Name, tags, edit.Notes ?? labels.Notes);
        lab.Sweeps[index] = lab.Sweeps[index] with { Labels = after };
        return Task.FromResult<Labels?>(after);
    }

    public Task<SubmitResult> Submit(string yaml, string fileName) => throw PlatformOnly();
    public Task OnRunLabelled(string runId, Labels labels) => throw PlatformOnly();
    public Task OnRunUpdated(RunStatus status) => throw PlatformOnly();
    public Task OnRunEvaluated(string runId, int trialIndex, int step, MetricPoint[] points) => throw PlatformOnly();

    internal static NotSupportedException PlatformOnly() => new("pages never make this call; the fake lab does not answer it");
}

/// <summary>A run of <see cref="FakeLab"/>: always running, with the lab's attempts and spec; what only workers call is refused.</summary>
internal sealed class FakeRunGrain(FakeLab lab, string runId) : IRunGrain
{
    private string SweepId => runId.Split('/')[0];

    public Task<RunStatus?> GetStatus() => Task.FromResult<RunStatus?>(new RunStatus(runId, SweepId, "mingru",
        RunState.Running, lab.Attempts.GetValueOrDefault(runId, []).Length, null, 0, null, null, null, null, null, null, null, null, 0));

    public Task<RunSpec?> GetSpec() =>
        Task.FromResult(lab.Specs.GetValueOrDefault(runId) ?? (lab.Sweeps.Count == 0 || lab.Known(SweepId)
            ? new RunSpec(runId, SweepId, 0, "mingru", [], 1, new RunConfig(), 1, 3.0, "cpu")
            : null));

    public Task<RunAttempt[]?> GetAttempts() => Task.FromResult<RunAttempt[]?>(lab.Attempts.GetValueOrDefault(runId, []));

    public Task<Labels?> EditLabels(LabelEdit edit)
    {
        lab.LabelEdits.Add((runId, edit));
        return Task.FromResult<Labels?>(new Labels(edit.Name, edit.AddTags ?? [], edit.Notes ?? ""));
    }

    public Task<MetricPoint[]?> GetMetrics(string? name = null) => throw FakeSweepGrain.PlatformOnly();
    public Task Create(RunSpec spec) => throw FakeSweepGrain.PlatformOnly();
    public Task<int> Start(string worker) => throw FakeSweepGrain.PlatformOnly();
    public Task<RunCommand> ReportProgress(int attempt, int step, int maxIters, MetricPoint[] points, double trainingSeconds) => throw FakeSweepGrain.PlatformOnly();
    public Task ReportCheckpoint(int attempt, int step) => throw FakeSweepGrain.PlatformOnly();
    public Task Complete(int attempt, RunOutcome outcome) => throw FakeSweepGrain.PlatformOnly();
    public Task<bool> Preempt(string worker, string reason) => throw FakeSweepGrain.PlatformOnly();
    public Task<bool> Retry(string worker, string reason) => throw FakeSweepGrain.PlatformOnly();
    public Task ReportUsage(int attempt, AttemptUsage usage) => throw FakeSweepGrain.PlatformOnly();
    public Task ReportWaiting(int attempt, string? reason) => throw FakeSweepGrain.PlatformOnly();
    public Task<bool> HandBack(string worker, string reason) => throw FakeSweepGrain.PlatformOnly();
    public Task Stop(RunState finalState, string reason) => throw FakeSweepGrain.PlatformOnly();
    public Task Pause() => throw FakeSweepGrain.PlatformOnly();
    public Task Resume() => throw FakeSweepGrain.PlatformOnly();
    public Task ReportResume(int attempt, int step, StepReached? reachedBefore) => throw FakeSweepGrain.PlatformOnly();
    public Task<RunStatus?> BeginDelete() => throw FakeSweepGrain.PlatformOnly();
    public Task Forget() => throw FakeSweepGrain.PlatformOnly();
}
