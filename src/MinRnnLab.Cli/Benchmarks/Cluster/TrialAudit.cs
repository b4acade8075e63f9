using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Training.Benchmarks;
using MinRnnLab.Worker;
using Npgsql;

namespace MinRnnLab.Cli.Benchmarks.Cluster;

/// <summary>A silo killed with SIGKILL: its process id (every worker id of its slots carries it) and when.</summary>
public sealed record SiloKill(int ProcessId, DateTimeOffset At);

/// <summary>
/// What the cluster holds after a benchmark, against what it should hold. A trial is lost when it did not succeed, or
/// the sweep never made its run; duplicated when its sweep lists its index twice or more than one attempt succeeded.
/// An evaluation (a step of a run: train_loss, val_loss and the sent-at stamp) is lost when the metrics store lacks any
/// of its points, duplicated for each step the run never makes that has points stored, and each row beyond one per
/// (run, name, step).
/// A kill orphans the attempts its silo was running; each resumes when the run's next attempt starts, from the run's
/// last checkpoint, and trains again the steps between that checkpoint and the last step the orphan reached.
/// </summary>
public sealed record TrialAudit(int TrialsLost, int TrialsDuplicated, long EvaluationsLost, long EvaluationsDuplicated,
    int OrphanedRuns, int OrphansNeverResumed, double ResumeP50Seconds, double ResumeMaxSeconds, int Attempts)
{
    /// <summary>Checkpoints the runs' attempts recorded, in all.</summary>
    public int Checkpoints { get; init; }

    /// <summary>Steps trained twice: for each attempt after the first, from the checkpoint it resumed from to where the attempt before it got.</summary>
    public int StepsRetrained { get; init; }

    /// <summary>One line per lost trial: its state and each attempt's worker, outcome and reason.</summary>
    public IReadOnlyList<string> Losses { get; init; } = [];

    private static readonly string[] PointNames = [MetricNames.TrainLoss, MetricNames.ValLoss, PacedRunExecutor.SentAtMetric];

    public static async Task<TrialAudit> TakeAsync(LabClient client, string connectionString, IReadOnlyList<SweepStatus> sweeps,
        int evalsPerTrial, IReadOnlyList<SiloKill> kills, CancellationToken cancel)
    {
        var trials = new List<TrialInfo>();
        int lost = 0, duplicated = 0;
        foreach (var sweep in sweeps)
        {
            var listed = await GrainCalls.Retried(() => client.Sweep(sweep.SweepId).GetTrials(), cancel) ?? [];
            trials.AddRange(listed);
            var indices = listed.Select(t => t.Index).ToArray();
            duplicated += indices.Length - indices.Distinct().Count();
            lost += sweep.PlannedTrials - indices.Distinct().Count();                  // never made into a run
        }
        var attempts = new Dictionary<string, RunAttempt[]>();
        foreach (var trial in trials)
            attempts[trial.RunId] = await GrainCalls.Retried(() => client.Run(trial.RunId).GetAttempts(), cancel) ?? [];
        var unfinished = trials.Where(t => t.State != RunState.Succeeded).ToArray();
        lost += unfinished.Length;
        duplicated += attempts.Values.Count(a => a.Count(x => x.Outcome == RunState.Succeeded) > 1);

        var stored = await StoredPoints(connectionString, cancel);
        var expectedSteps = Enumerable.Range(0, evalsPerTrial).ToHashSet();
        long evaluationsLost = 0, evaluationsDuplicated = 0;
        foreach (var trial in trials)
        {
            var points = stored.GetValueOrDefault(trial.RunId) ?? [];
            evaluationsLost += expectedSteps.Count(step => PointNames.Any(name => !points.Contains((name, step))));
            evaluationsDuplicated += points.Where(p => !expectedSteps.Contains(p.Step)).Select(p => p.Step).Distinct().Count();
        }
        evaluationsDuplicated += await RepeatedRows(connectionString, cancel);
        var runIds = trials.Select(t => t.RunId).ToHashSet();
        evaluationsDuplicated += stored.Where(r => !runIds.Contains(r.Key)).Sum(r => r.Value.Select(p => p.Step).Distinct().Count());   // runs no sweep has

        var (orphans, neverResumed, resumeSeconds) = Resumes(attempts.Values, kills);
        return new TrialAudit(lost, duplicated, evaluationsLost, evaluationsDuplicated, orphans, neverResumed,
            resumeSeconds.Length == 0 ? 0 : TrainBenchmark.Percentile(resumeSeconds, 0.5),
            resumeSeconds.Length == 0 ? 0 : resumeSeconds.Max(), attempts.Values.Sum(a => a.Length))
        {
            Losses = [.. unfinished.Select(t => Describe(t, attempts[t.RunId]))],
            Checkpoints = attempts.Values.Sum(a => a.Sum(x => x.CheckpointSteps.Length)),
            StepsRetrained = attempts.Values.Sum(StepsRetrainedOf),
        };
    }

    private static string Describe(TrialInfo trial, RunAttempt[] attempts) =>
        $"trial {trial.Index} ({trial.RunId}) is {trial.State}{(trial.Reason is null ? "" : $": {trial.Reason}")}; attempts: "
        + (attempts.Length == 0 ? "none" : string.Join("; ", attempts.Select(a =>
            $"#{a.Number} on {a.Worker} {a.StartedAt:HH:mm:ss.fff}–{a.EndedAt:HH:mm:ss.fff} {a.Outcome?.ToString() ?? "open"} at step {a.LastStep}"
            + (a.Reason is null ? "" : $" ({a.Reason})"))));

    private static int StepsRetrainedOf(RunAttempt[] attempts) => attempts.OrderBy(a => a.Number).Zip(attempts.OrderBy(a => a.Number).Skip(1))
        .Sum(pair => Math.Max(0, pair.First.LastStep - (pair.Second.ResumedFromStep ?? -1)));

    /// <summary>Attempts running on a silo when it was killed, and how long after the kill each run's next attempt began.</summary>
    private static (int Orphans, int NeverResumed, double[] Seconds) Resumes(IEnumerable<RunAttempt[]> runs, IReadOnlyList<SiloKill> kills)
    {
        int orphans = 0, neverResumed = 0;
        var seconds = new List<double>();
        foreach (var attempts in runs)
            foreach (var kill in kills)
                foreach (var orphan in attempts.Where(a => a.Worker.Contains($"-{kill.ProcessId}-", StringComparison.Ordinal)
                                                           && a.StartedAt <= kill.At && (a.EndedAt is null || a.EndedAt > kill.At)))
                {
                    orphans++;
                    if (attempts.FirstOrDefault(a => a.Number == orphan.Number + 1) is { } next)
                        seconds.Add((next.StartedAt - kill.At).TotalSeconds);
                    else
                        neverResumed++;
                }
        return (orphans, neverResumed, [.. seconds]);
    }

    /// <summary>run id → its stored (name, step) points, read from the metrics table itself.</summary>
    private static async Task<Dictionary<string, HashSet<(string Name, int Step)>>> StoredPoints(string connectionString, CancellationToken cancel)
    {
        var points = new Dictionary<string, HashSet<(string, int)>>();
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand("SELECT run_id, name, step FROM run_metrics");
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
        {
            var run = reader.GetString(0);
            if (!points.TryGetValue(run, out var set))
                points[run] = set = [];
            set.Add((reader.GetString(1), reader.GetInt32(2)));
        }
        return points;
    }

    /// <summary>Rows beyond one per (run, name, step): the table's key forbids them, so a schema change would show here.</summary>
    private static async Task<long> RepeatedRows(string connectionString, CancellationToken cancel)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand(
            "SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT run_id, name, step FROM run_metrics) d) FROM run_metrics");
        return (long)(await command.ExecuteScalarAsync(cancel))!;
    }
}
