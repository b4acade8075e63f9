namespace MinRnnLab.Cli.Benchmarks.Cluster;

/// <summary>
/// What `minrnn bench cluster` sets up: K silos of D simulated slots, N trials of E evaluations with a checkpoint every
/// CheckpointEvery steps, a kill every M s (at most MaxKills; 0: no limit). WhileRunning, when given, starts once the
/// sweeps are submitted and runs beside the trials (a web page under load, say); the benchmark waits for it before it
/// audits and drops the database.
/// </summary>
public sealed record ClusterBenchSettings(int Silos, int Slots, int Trials, TimeSpan StepTime, int EvalsPerTrial, TimeSpan ChurnEvery,
    TimeSpan LeaseDuration, int SweepTrials, string? Postgres, string SiloAssembly, int MaxKills = 0, int Seed = 1,
    Func<ClusterUnderLoad, CancellationToken, Task>? WhileRunning = null, int CheckpointEvery = 2);

/// <summary>The running benchmark as a companion sees it: its database, the silos' gateways, the sweeps, a client.</summary>
public sealed record ClusterUnderLoad(string ConnectionString, IReadOnlyList<string> Gateways, IReadOnlyList<string> SweepIds, Client.LabClient Client);

/// <summary>
/// One row of the cluster benchmark (flat, for JSON/CSV/Markdown). Times are wall-clock on this machine; CPU is split
/// into the silos', PostgreSQL's (-1 when --pg names a server of its own), this client's, and the rest of the machine's
/// (other work beside the benchmark), with the load average beside them. IdealSeconds is the wall time if
/// orchestration cost nothing: N × E × step ÷ (K × D); SlotUse is its share of the measured time.
/// </summary>
public sealed record ClusterBenchResult(
    int Silos, int SlotsPerSilo, int Trials, int StepMs, int EvalsPerTrial, int ChurnEverySeconds, int Kills,
    double WallSeconds, double IdealSeconds, double SlotUse, double TrialsPerSecond,
    double QueuedToRunningP50Ms, double QueuedToRunningP99Ms, int RunsTimedQueuedToRunning,
    long EvaluationsStored, double EvaluationsPerSecond, double StreamLagP50Ms, double StreamLagP99Ms, int EvaluationsStreamed,
    double PgRowsPerTrial, double PgBytesPerTrial,
    double SiloCpuMsPerTrial, double SiloCpuPercentMean, double SiloCpuPercentMax, double SiloPeakMbMean, double SiloPeakMbMax,
    double PostgresCpuMsPerTrial, double ClientCpuMsPerTrial, double OtherCpuMsPerTrial, double MachineBusyPercent,
    double LoadStart, double LoadMax, double LoadEnd,
    int TrialsLost, int TrialsDuplicated, long EvaluationsLost, long EvaluationsDuplicated,
    int OrphanedRuns, int OrphansNeverResumed, double ResumeP50Seconds, double ResumeMaxSeconds, int Attempts,
    int CheckpointEvery = 0, int Checkpoints = 0, int StepsRetrained = 0)
{
    /// <summary>Each lost trial and what its attempts said, so a loss can be chased; printed, not a column.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> Losses { get; init; } = [];
}
