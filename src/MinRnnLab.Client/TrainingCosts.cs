using MinRnnLab.Abstractions;
using MinRnnLab.Config;

namespace MinRnnLab.Client;

/// <summary>
/// One attempt of one trial, as a report row: where it trained, how it ended, and what it cost. A resumed attempt
/// retrains the steps between the checkpoint it resumed from and the furthest step an earlier attempt trained to;
/// those steps are <see cref="StepsRetrained"/>. Workers report at evaluations and checkpoints; the steps an attempt
/// trained after its last report, before it was killed, reach its record when the next attempt resumes (it finds them
/// in the run's folder, to within log_interval steps). Attempts of runs resumed before that was recorded miss them.
/// </summary>
public sealed record AttemptRow(
    string RunId, string Arch, int Attempt, string Worker, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Outcome,
    string Reason, int? ResumedFromStep, int LastStep, int StepsTrained, int StepsRetrained, double TrainingSeconds,
    double? CpuSeconds, double? PeakMemoryMegabytes)
{
    /// <summary>The rows of one run's attempts, in the order they ran.</summary>
    public static IReadOnlyList<AttemptRow> Of(string runId, string arch, IReadOnlyList<RunAttempt> attempts)
    {
        var ordered = attempts.OrderBy(a => a.Number).ToList();
        return ordered.Select((a, i) =>
        {
            var from = a.ResumedFromStep ?? 0;
            // Earlier attempts trained every step up to the furthest of them (not only the one just before: it may have
            // trained nothing); of those, this one trains again the ones between its start and its own last step.
            var before = i == 0 ? from : ordered.Take(i).Max(earlier => earlier.LastStep);
            return new AttemptRow(runId, arch, a.Number, a.Worker, a.StartedAt, a.EndedAt, a.Outcome?.ToConfigName() ?? "running",
                a.Reason ?? "", a.ResumedFromStep, a.LastStep, Math.Max(0, a.LastStep - from), Math.Max(0, Math.Min(before, a.LastStep) - from),
                a.TrainingSeconds, a.Usage?.CpuSeconds, a.Usage is { } usage ? usage.PeakMemoryBytes / 1e6 : null);
        }).ToList();
    }
}

/// <summary>
/// What one configuration's trials cost to train, over all their attempts: milliseconds per step trained (retrained
/// steps included: they were paid for), hours, CPU hours of the trial processes, resumes and the steps they retrained.
/// </summary>
/// <param name="CpuHours">
/// Over the <paramref name="AttemptsWithCpu"/> attempts that recorded their CPU time: one killed with its silo, trained in
/// the silo's process or still running has no reading. Null when none has.
/// </param>
/// <param name="Resumes">Attempts that continued from a checkpoint.</param>
/// <param name="Restarts">Attempts after the first that found no checkpoint and trained from step 0 again.</param>
public sealed record CostRow(
    string Configuration, int Trials, int Attempts, int StepsTrained, double? MsPerStep, double TrainingHours, double? CpuHours,
    int AttemptsWithCpu, int Resumes, int Restarts, int StepsRetrained, double? PeakMemoryMegabytes)
{
    /// <summary>One row per configuration (<see cref="ArchitectureRow.ConfigurationLabel"/>), in label order.</summary>
    public static IReadOnlyList<CostRow> Summarize(IReadOnlyList<AttemptRow> attempts, IReadOnlyDictionary<string, string> configurationOfRun) =>
        attempts.GroupBy(a => configurationOfRun[a.RunId]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(group =>
        {
            var steps = group.Sum(a => a.StepsTrained);
            var seconds = group.Sum(a => a.TrainingSeconds);
            var cpu = group.Where(a => a.CpuSeconds is not null).Select(a => a.CpuSeconds!.Value).ToList();
            var peaks = group.Where(a => a.PeakMemoryMegabytes is not null).Select(a => a.PeakMemoryMegabytes!.Value).ToList();
            var later = group.GroupBy(a => a.RunId).SelectMany(run => run.OrderBy(a => a.Attempt).Skip(1)).ToList();
            return new CostRow(group.Key, group.Select(a => a.RunId).Distinct().Count(), group.Count(), steps,
                steps == 0 ? null : 1000 * seconds / steps, seconds / 3600, cpu.Count == 0 ? null : cpu.Sum() / 3600, cpu.Count,
                later.Count(a => a.ResumedFromStep is not null), later.Count(a => a.ResumedFromStep is null), group.Sum(a => a.StepsRetrained),
                peaks.Count == 0 ? null : peaks.Max());
        }).ToList();
}
