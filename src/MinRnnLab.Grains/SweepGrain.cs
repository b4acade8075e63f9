using MinRnnLab.Abstractions;
using MinRnnLab.Storage;
using MinRnnLab.Sweeps;
using MinRnnLab.Config;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace MinRnnLab.Grains;

/// <summary>
/// One sweep. Validates before storing anything, expands trials lazily from the stored file, and keeps at
/// most `parallel` runs in flight; each finished run frees a slot for the next trial. What it writes per event
/// does not grow with the sweep: its state is the file and a few numbers, each trial is its own row, and the
/// evaluations early termination and TPE read are kept in memory, rebuilt from the metrics store on activation.
/// </summary>
public sealed partial class SweepGrain(
    [PersistentState("sweep", LabStorage.Name)] IPersistentState<SweepGrainState> state,
    ISweepTrialStore trialStore,
    IMetricsStore metrics,
    LabPaths paths,
    IOptions<GrainOptions> options,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain, ISweepCreation
{
    private SweepTrials? trials;
    private EvalHistory? evaluations;
    private readonly Dictionary<int, Dictionary<string, string>> suggested = [];         // TPE: configuration → parameters
    private SweepGrainState S => state.State;
    private string SweepId => this.GetPrimaryKeyString();
    private SweepTrials Trials => trials ??= new SweepTrials(trialStore, SweepId);

    /// <summary>The file as parsed at submission (see <see cref="KeepDefinitionTyped"/> for state stored before it was kept).</summary>
    private SweepDefinition Definition => S.Definition ?? throw new InvalidOperationException($"sweep '{SweepId}' has no parsed definition");

    /// <summary>Each configuration's typed config, bound from the file once per activation, not at every read of the plan.</summary>
    private BoundConfigurations Bound => bound ??= new BoundConfigurations(Definition);
    private BoundConfigurations? bound;

    /// <summary>The file's metric as its runs and clients rank by it.</summary>
    private SweepMetric Objective => new(Definition.Metric.Name, Definition.Metric.Goal == MetricGoal.Maximize);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        WatchForMissingRuns();                                                          // also for a sweep submitted to this activation
        if (!Exists)
            return;
        await KeepDefinitionTyped();
        await LoadTrialsAndEvaluations();
        ResumeDeletingIfBegun();
        // After a restart, trials may have finished while this grain was not active to hear it.
        if (S.State == SweepState.Running)
            await RefreshTrialsAndFill();
    }

    /// <summary>A file submitted under an id of the caller's choosing: parsed and checked here, once, as the intake does.</summary>
    public async Task<SubmitResult> Submit(string yaml, string fileName)
    {
        if (S.Yaml is not null)
            return AlreadyExists();
        var parsed = SweepParser.Parse(yaml, fileName);
        if (parsed.Definition is not { } definition || !parsed.IsValid)
            return SubmitResult.Invalid(parsed.Errors);
        return await Create(yaml, fileName, definition);
    }

    /// <summary>A file the platform parsed and checked (<see cref="SweepIntakeGrain"/>), typed, so it is not parsed again.</summary>
    public async Task<SubmitResult> Create(string yaml, string fileName, SweepDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(definition);
        if (S.Yaml is not null)
            return AlreadyExists();
        (S.Yaml, S.Definition, S.FileName, S.State, S.CreatedAt) = (yaml, definition, fileName, SweepState.Running, DateTimeOffset.UtcNow);
        S.PlannedTrials = (int)TrialExpander.Count(definition);
        S.Labels = new Labels(null, [.. definition.Tags], definition.Notes);
        evaluations = KeepsEvaluations ? new EvalHistory(definition.Metric, definition.EarlyTerminate) : null;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ISweepRegistryGrain>(0).Register(SweepId);
        await FillSlots();
        return new SubmitResult(Status(), []);
    }

    private SubmitResult AlreadyExists() => new(null, [$"sweep '{SweepId}' already exists"]);

    [ReadOnly]
    public Task<SweepStatus?> GetStatus() => Task.FromResult(Exists ? Status() : null);

    [ReadOnly]
    public Task<TrialInfo[]?> GetTrials() => Task.FromResult(Exists ? Trials.All.ToArray() : null);

    [ReadOnly]
    public Task<SweepPlan?> GetPlan(int limit)
    {
        if (!Exists)
            return Task.FromResult<SweepPlan?>(null);
        var notStarted = S.State is SweepState.Running or SweepState.Paused ? Math.Max(0, S.PlannedTrials - Trials.NextIndex) : 0;
        var upcoming = notStarted == 0 || Definition.Method == SearchMethod.Bayes ? [] :
            TrialExpander.Expand(Bound, Trials.NextIndex).Take(Math.Clamp(limit, 0, notStarted))
                .Select(t => new TrialInfo(t.Index, RunIdOf(t.Index), ArchOf(t), t.SeedIndex, new Dictionary<string, string>(t.Parameters), RunState.Queued, null, null, null, 0))
                .ToArray();
        return Task.FromResult<SweepPlan?>(new SweepPlan(upcoming, notStarted));
    }

    [ReadOnly]
    public Task<string?> GetDefinition() => Task.FromResult(S.Yaml);

    [ReadOnly]
    public async Task<SweepPage?> GetPage(int planLimit) =>
        Exists ? new SweepPage(Status(), [.. Trials.All], (await GetPlan(planLimit))!, S.Yaml ?? "") : null;

    public async Task<SweepStatus?> Cancel()
    {
        if (!Exists)
            return null;
        if (S.State.IsFinal())
            return Status();
        S.State = SweepState.Cancelled;
        await state.WriteStateAsync();
        foreach (var trial in Trials.InFlight)
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
        // Its runs stop too: the waiting ones leave the queue, the training ones checkpoint and give their devices back.
        foreach (var trial in Trials.InFlight)
            await GrainFactory.GetGrain<IRunGrain>(trial.RunId).Pause();
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
        foreach (var trial in Trials.InFlight)
            await GrainFactory.GetGrain<IRunGrain>(trial.RunId).Resume();
        await FillSlots();
        return Status();
    }

    public async Task<Labels?> EditLabels(LabelEdit edit)
    {
        if (!Exists)
            return null;
        var (before, after) = (S.Labels, LabelEditing.Apply(S.Labels ?? Labels.None, edit));   // throws before anything changes
        S.Labels = after;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            S.Labels = before;                                                          // not stored: not shown either
            throw;
        }
        return after;
    }

    public async Task OnRunLabelled(string runId, Labels labels)
    {
        // Read and replaced without an await between: an interleaved call sees the row before or after, never half.
        if (Exists && !IsDeleting(runId) && Trials.Find(runId) is { } trial)
            await Trials.UpdateAsync(trial with { Labels = labels }, persist: true);
    }

    public async Task OnRunUpdated(RunStatus status)
    {
        if (!Exists || IsDeleting(status.RunId) || Trials.Find(status.RunId) is not { } trial)
            return;
        if (trial.State.IsFinal())
        {
            // Never move a finished trial back; but a stopped run's worker delivers its last numbers after the stop.
            if (status.State == trial.State)
                await Trials.UpdateAsync(WithNumbers(trial, status), persist: true);
            return;
        }
        // A running trial's numbers are kept in memory only: after a restart they are read back from its run.
        await Trials.UpdateAsync(WithNumbers(trial, status) with { State = status.State }, persist: status.State.IsFinal());
        if (status.State.IsFinal())
        {
            await ApplyRetention(Trials.Find(status.RunId)!);
            await FillSlots();
        }
    }

    public async Task OnRunEvaluated(string runId, int trialIndex, int step, MetricPoint[] points)
    {
        if (!Exists || evaluations is null || step < 0 || points.FirstOrDefault(p => p.Name == Definition.Metric.Name) is not { } point)
            return;
        if (Trials.Find(runId) is not { } trial || trial.State.IsFinal())
            return;
        // The run stored these points in the metrics store before calling: nothing to write here.
        var latest = new EvalObservation(trial.Index, Pruner.EvalIndex(step, S.EvalInterval), point.Value, step);
        var decision = evaluations.Decide(latest);
        evaluations.Record(latest);
        if (decision.Prune)
            await GrainFactory.GetGrain<IRunGrain>(runId).Stop(decision.Finished ? RunState.Succeeded : RunState.Pruned, decision.Reason);
    }

    /// <summary>False for an id nobody submitted: such a sweep answers "not found" and stores nothing.</summary>
    private bool Exists => S.Yaml is not null;

    private static TrialInfo WithNumbers(TrialInfo trial, RunStatus status) => trial with
    {
        BestMetric = status.BestMetric, BestStep = status.BestStep, StepsToTarget = status.StepsToTarget, TrainingSeconds = status.TrainingSeconds,
    };

    private bool KeepsEvaluations => Definition.EarlyTerminate is not null || Definition.Method == SearchMethod.Bayes;

    /// <summary>
    /// Trial rows (taking over a list stored by an earlier version), TPE's parameters per configuration, and the
    /// evaluations from the metrics store: what the live grain recorded, plus points it never heard (stored while
    /// it was down, or a stopped run's last ones, delivered after its stop). Decisions depend on the set, not its order.
    /// </summary>
    private async Task LoadTrialsAndEvaluations()
    {
        await Trials.LoadAsync(S.LegacyTrials);
        foreach (var deleted in S.DeletedTrials)
            Trials.KeepIndexAbove(deleted);
        if (S.LegacyTrials is not null)
        {
            S.LegacyTrials = null;
            await state.WriteStateAsync();
        }
        foreach (var trial in Trials.All)
            suggested.TryAdd(TrialExpander.ConfigurationIndex(Definition, trial.Index), trial.Parameters);
        if (!KeepsEvaluations)
            return;
        evaluations = new EvalHistory(Definition.Metric, Definition.EarlyTerminate);
        var runs = Trials.All.ToDictionary(t => t.RunId, t => t.Index);
        foreach (var series in await metrics.ReadSeriesAsync(runs.Keys, [Definition.Metric.Name]))
            for (var i = 0; i < series.Steps.Length; i++)
                evaluations.Record(new EvalObservation(runs[series.RunId], Pruner.EvalIndex(series.Steps[i], S.EvalInterval), series.Values[i], series.Steps[i]));
    }

    private async Task FillSlots()
    {
        if (S.State == SweepState.Running)
        {
            var free = Math.Max(0, Definition.Parallel - Trials.InFlightCount);
            var from = Trials.NextIndex;
            // Lazy: only the trials about to start are expanded (and bound) from the stored file.
            var next = Definition.Method == SearchMethod.Bayes
                ? ProposedTrials(from, (int)Math.Min(free, S.PlannedTrials - from))
                : TrialExpander.Expand(Bound, from).Take(free).ToList();
            foreach (var trial in next)
                await StartTrial(trial);
        }
        if (S.State == SweepState.Running && Trials.NextIndex >= S.PlannedTrials && Trials.InFlightCount == 0)
        {
            S.State = Trials.All.All(t => t.State == RunState.Failed) ? SweepState.Failed : SweepState.Completed;
            await state.WriteStateAsync();
        }
    }

    private async Task StartTrial(TrialSpec trial)
    {
        if (KeepsEvaluations && S.EvalInterval != trial.Config.Train.EvalInterval)
        {
            S.EvalInterval = trial.Config.Train.EvalInterval;                          // once: such trials all share it
            await state.WriteStateAsync();
        }
        var spec = SpecOf(trial);
        // A trial is recorded before its run is created; a crash in between leaves it as recorded, and a run that
        // was not created is created again (see WatchForMissingRuns).
        await Trials.AddAsync(new TrialInfo(trial.Index, spec.RunId, spec.Arch, trial.SeedIndex, spec.Parameters, RunState.Queued, null, null, null, 0));
        await TryCreateRun(spec);
    }

    private RunSpec SpecOf(TrialSpec trial)
    {
        var device = DeviceSpec.Parse(trial.Config.Train.Device).KindName;          // validated with the sweep: cannot throw here
        return new RunSpec(RunIdOf(trial.Index), SweepId, trial.Index, ArchOf(trial), new Dictionary<string, string>(trial.Parameters), trial.Seed,
            trial.Config, Definition.MaxRestarts, Definition.Metric.Target, device, Objective, KeepsEvaluations);
    }

    /// <summary>The trial at <paramref name="index"/> as it started: TPE's trials keep the parameters they were given.</summary>
    private TrialSpec TrialAt(int index) => Definition.Method == SearchMethod.Bayes
        ? TrialExpander.Trial(Bound, index, suggested[TrialExpander.ConfigurationIndex(Definition, index)])
        : TrialExpander.Expand(Bound, index).First();

    private string RunIdOf(int trialIndex) => $"{SweepId}/{trialIndex}";
    private static string ArchOf(TrialSpec trial) => trial.Config.Model.Arch.ToConfigName();

    private async Task RefreshTrialsAndFill()
    {
        foreach (var trial in Trials.InFlight)
        {
            // The row is read again after the call: a run's labels may have reached it meanwhile (OnRunLabelled interleaves).
            if (await GrainFactory.GetGrain<IRunGrain>(trial.RunId).GetStatus() is { } status)
                await Trials.UpdateAsync(WithNumbers(Trials.Find(trial.RunId)!, status) with { State = status.State }, persist: status.State.IsFinal());
        }
        await FillSlots();
    }

    private SweepStatus Status()
    {
        var all = Trials.All;
        var byState = all.GroupBy(t => t.State).ToDictionary(g => g.Key, g => g.Count());
        var bestByArch = all.Where(t => t.BestMetric is not null).GroupBy(t => t.Arch)
            .ToDictionary(g => g.Key, g => Objective.BestOf(g.Select(t => t.BestMetric!.Value))!.Value);
        // A cancelled sweep never starts the rest of its plan: those trials are cancelled too.
        var cancelledBeforeStart = S.State == SweepState.Cancelled ? Math.Max(0, S.PlannedTrials - all.Count) : 0;
        return new SweepStatus(SweepId, Definition.Name, S.State, Definition.Method.ToConfigName(), S.PlannedTrials,
            byState, bestByArch, S.CreatedAt, Definition.Metric.Name, Definition.Metric.Target, cancelledBeforeStart)
        {
            Labels = S.Labels ?? Labels.None,
            DeletedTrials = S.DeletedTrials.Count,
            MetricMaximized = Objective.Maximize,
        };
    }
}
