using MinRnnLab.Abstractions;
using MinRnnLab.Sweeps;
using MinRnnLab.Training.Config;
using Orleans.Concurrency;

namespace MinRnnLab.Grains.Grains;

/// <summary>
/// One sweep. Validates before storing anything, expands trials lazily from the stored file, and keeps at
/// most `parallel` runs in flight; each finished run frees a slot for the next trial.
/// </summary>
public sealed class SweepGrain(
    [PersistentState("sweep", LabStorage.Name)] IPersistentState<SweepGrainState> state) : Grain, ISweepGrain
{
    private SweepDefinition? definition;
    private SweepGrainState S => state.State;
    private string SweepId => this.GetPrimaryKeyString();

    private SweepDefinition Definition => definition ??= SweepParser.Parse(S.Yaml!, S.FileName).Definition!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // After a restart, trials may have finished while this grain was not active to hear it.
        if (S.Yaml is not null && S.State == SweepState.Running)
            await RefreshTrialsAndFill();
    }

    public async Task<SubmitResult> Submit(string yaml, string fileName)
    {
        if (S.Yaml is not null)
            return new SubmitResult(null, [$"sweep '{SweepId}' already exists"]);
        var parsed = SweepParser.Parse(yaml, fileName);
        if (!parsed.IsValid)
            return new SubmitResult(null, parsed.Errors.Select(e => e.ToString()).ToArray());
        definition = parsed.Definition!;
        (S.Yaml, S.FileName, S.State, S.CreatedAt) = (yaml, fileName, SweepState.Running, DateTimeOffset.UtcNow);
        S.PlannedTrials = (int)TrialExpander.Count(definition);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ISweepRegistryGrain>(0).Register(SweepId);
        await FillSlots();
        return new SubmitResult(Status(), []);
    }

    [ReadOnly]
    public Task<SweepStatus?> GetStatus() => Task.FromResult(Exists ? Status() : null);

    [ReadOnly]
    public Task<TrialInfo[]?> GetTrials() => Task.FromResult(Exists ? S.Trials.ToArray() : null);

    [ReadOnly]
    public Task<SweepPlan?> GetPlan(int limit)
    {
        if (!Exists)
            return Task.FromResult<SweepPlan?>(null);
        var notStarted = S.State is SweepState.Running or SweepState.Paused ? Math.Max(0, S.PlannedTrials - S.NextTrial) : 0;
        var upcoming = notStarted == 0 || Definition.Method == SearchMethod.Bayes ? [] :
            TrialExpander.Expand(Definition, S.NextTrial).Take(Math.Clamp(limit, 0, notStarted))
                .Select(t => new TrialInfo(t.Index, RunIdOf(t.Index), ArchOf(t), t.SeedIndex, new Dictionary<string, string>(t.Parameters), RunState.Queued, null, null, null, 0))
                .ToArray();
        return Task.FromResult<SweepPlan?>(new SweepPlan(upcoming, notStarted));
    }

    [ReadOnly]
    public Task<string?> GetDefinition() => Task.FromResult(S.Yaml);

    public async Task<SweepStatus?> Cancel()
    {
        if (!Exists)
            return null;
        if (S.State is SweepState.Cancelled or SweepState.Completed)
            return Status();
        S.State = SweepState.Cancelled;
        await state.WriteStateAsync();
        foreach (var trial in S.Trials.Where(t => !t.State.IsFinal()).ToList())
            await GrainFactory.GetGrain<IRunGrain>(trial.RunId).Stop(RunState.Cancelled, "sweep cancelled");
        return Status();
    }

    public async Task<SweepStatus?> Pause()
    {
        if (!Exists)
            return null;
        if (S.State != SweepState.Running)
            return Status();
        S.State = SweepState.Paused;
        await state.WriteStateAsync();
        return Status();
    }

    public async Task<SweepStatus?> Resume()
    {
        if (!Exists)
            return null;
        if (S.State != SweepState.Paused)
            return Status();
        S.State = SweepState.Running;
        await state.WriteStateAsync();
        await FillSlots();
        return Status();
    }

    public async Task OnRunUpdated(RunStatus status)
    {
        var index = S.Trials.FindIndex(t => t.RunId == status.RunId);
        if (index < 0)
            return;
        if (S.Trials[index].State.IsFinal())
        {
            // Never move a finished trial back; but a stopped run's worker delivers its last numbers after the stop.
            if (status.State == S.Trials[index].State)
            {
                S.Trials[index] = WithNumbers(S.Trials[index], status);
                await state.WriteStateAsync();
            }
            return;
        }
        S.Trials[index] = WithNumbers(S.Trials[index], status) with { State = status.State };
        if (!status.State.IsFinal())
            return;
        await state.WriteStateAsync();
        await FillSlots();
    }

    public async Task OnRunEvaluated(string runId, int trialIndex, int step, MetricPoint[] points)
    {
        if (!Exists || !KeepsObservations || points.FirstOrDefault(p => p.Name == Definition.Metric.Name) is not { } point)
            return;
        var trial = S.Trials.FirstOrDefault(t => t.RunId == runId);
        if (trial is null || trial.State.IsFinal())
            return;
        var latest = new EvalObservation(trialIndex, Pruner.EvalIndex(step, S.EvalInterval), point.Value);
        var decision = Pruner.Decide(Definition, S.Observations, latest);
        S.Observations.Add(latest);
        await state.WriteStateAsync();
        if (decision.Prune)
            await GrainFactory.GetGrain<IRunGrain>(runId).Stop(RunState.Pruned, decision.Reason);
    }

    /// <summary>False for an id nobody submitted: such a sweep answers "not found" and stores nothing.</summary>
    private bool Exists => S.Yaml is not null;

    private static TrialInfo WithNumbers(TrialInfo trial, RunStatus status) => trial with
    {
        BestValLoss = status.BestValLoss, BestStep = status.BestStep, StepsToTarget = status.StepsToTarget, TrainingSeconds = status.TrainingSeconds,
    };

    private bool KeepsObservations => Definition.EarlyTerminate is not null || Definition.Method == SearchMethod.Bayes;

    private async Task FillSlots()
    {
        var inFlight = S.Trials.Count(t => !t.State.IsFinal());
        if (S.State == SweepState.Running)
        {
            var free = Math.Max(0, Definition.Parallel - inFlight);
            // Lazy: only the trials about to start are expanded (and bound) from the stored file.
            var next = Definition.Method == SearchMethod.Bayes
                ? Enumerable.Range(S.NextTrial, (int)Math.Min(free, S.PlannedTrials - S.NextTrial)).Select(SuggestTrial).ToList()
                : TrialExpander.Expand(Definition, S.NextTrial).Take(free).ToList();
            foreach (var trial in next)
                await StartTrial(trial);
        }
        if (S.State == SweepState.Running && S.NextTrial >= S.PlannedTrials && S.Trials.All(t => t.State.IsFinal()))
        {
            S.State = SweepState.Completed;
            await state.WriteStateAsync();
        }
    }

    /// <summary>TPE: parameters for the trial's configuration, learned from the trials finished so far.</summary>
    private TrialSpec SuggestTrial(int index)
    {
        var configuration = TrialExpander.ConfigurationIndex(Definition, index);
        if (!S.Suggested.TryGetValue(configuration, out var parameters))
        {
            var finished = S.Trials.Where(t => t.State is RunState.Succeeded or RunState.Pruned)
                .Select(t => new CompletedTrial(t.Index, t.Parameters, BestObservation(t.Index))).ToList();
            S.Suggested[configuration] = parameters = new Dictionary<string, string>(TpeSampler.Suggest(Definition, finished, configuration));
        }
        return TrialExpander.Trial(Definition, index, parameters);
    }

    private double BestObservation(int trialIndex)
    {
        var values = S.Observations.Where(o => o.TrialIndex == trialIndex).Select(o => o.Value).ToList();
        return values.Count == 0 ? double.NaN : Definition.Metric.Goal == MetricGoal.Minimize ? values.Min() : values.Max();
    }

    private async Task StartTrial(TrialSpec trial)
    {
        S.EvalInterval = trial.Config.Train.EvalInterval;
        var runId = RunIdOf(trial.Index);
        var arch = ArchOf(trial);
        var device = trial.Config.Train.Device.StartsWith("cuda", StringComparison.Ordinal) ? "cuda" : "cpu";
        var spec = new RunSpec(runId, SweepId, trial.Index, arch, new Dictionary<string, string>(trial.Parameters), trial.Seed,
            ConfigJson.Serialize(trial.Config), Definition.MaxRestarts, Definition.Metric.Target, device);
        S.Trials.Add(new TrialInfo(trial.Index, runId, arch, trial.SeedIndex, spec.Parameters, RunState.Queued, null, null, null, 0));
        S.NextTrial = trial.Index + 1;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IRunGrain>(runId).Create(spec);
    }

    private string RunIdOf(int trialIndex) => $"{SweepId}/{trialIndex}";
    private static string ArchOf(TrialSpec trial) => trial.Config.Model.Arch.ToString().ToLowerInvariant();

    private async Task RefreshTrialsAndFill()
    {
        for (var i = 0; i < S.Trials.Count; i++)
        {
            if (S.Trials[i].State.IsFinal())
                continue;
            // A trial is recorded before its run is created; a crash in between leaves it as recorded.
            if (await GrainFactory.GetGrain<IRunGrain>(S.Trials[i].RunId).GetStatus() is { } status)
                S.Trials[i] = WithNumbers(S.Trials[i], status) with { State = status.State };
        }
        await FillSlots();
    }

    private SweepStatus Status()
    {
        var byState = S.Trials.GroupBy(t => t.State).ToDictionary(g => g.Key, g => g.Count());
        var bestByArch = S.Trials.Where(t => t.BestValLoss is not null).GroupBy(t => t.Arch)
            .ToDictionary(g => g.Key, g => g.Min(t => t.BestValLoss!.Value));
        // A cancelled sweep never starts the rest of its plan: those trials are cancelled too.
        var cancelledBeforeStart = S.State == SweepState.Cancelled ? Math.Max(0, S.PlannedTrials - S.Trials.Count) : 0;
        return new SweepStatus(SweepId, Definition.Name, S.State, Definition.Method.ToString().ToLowerInvariant(), S.PlannedTrials,
            byState, bestByArch, S.CreatedAt, Definition.Metric.Name, Definition.Metric.Target, cancelledBeforeStart);
    }
}
