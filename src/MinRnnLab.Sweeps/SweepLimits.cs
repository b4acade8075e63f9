using MinRnnLab.Config;

namespace MinRnnLab.Sweeps;

/// <summary>
/// The largest value of every numeric sweep setting, each refused at its line above it. A sweep's size is capped by
/// run_cap and the grid's product (<see cref="SweepKeys.MaxTrials"/>); these keep the rest from asking for unbounded
/// work of the sweep grain (trials in flight, evaluations kept per trial, TPE's candidates) or of its workers.
/// </summary>
public static class SweepLimits
{
    /// <summary>More trials in flight than any cluster has slots: each is a row, a run grain and a lease.</summary>
    public const int MaxParallel = 1_000;

    /// <summary>Seeds per configuration: each multiplies every configuration's trials, so at most a sweep's trials.</summary>
    public const int MaxSeeds = SweepKeys.MaxTrials;

    /// <summary>Failed attempts a trial may retry: each trains again from its last checkpoint.</summary>
    public const int MaxRestarts = 1_000;

    /// <summary>Evaluations early termination counts in (min_evals, max_evals, evals): more than a run of MaxSteps at interval 100 makes.</summary>
    public const int MaxEvals = 1_000_000;

    /// <summary>ASHA keeps the top 1/eta at each rung: beyond this every rung keeps only its best run.</summary>
    public const int MaxEta = 1_000;

    /// <summary>Setting (as errors name it) → largest value.</summary>
    public static IReadOnlyDictionary<string, int> Max { get; } = new Dictionary<string, int>
    {
        ["seed"] = int.MaxValue,
        ["run_cap"] = SweepKeys.MaxTrials,
        ["parallel"] = MaxParallel,
        ["seeds"] = MaxSeeds,
        ["max_restarts"] = MaxRestarts,
        ["checkpoint_interval"] = ConfigLimits.MaxSteps,
        ["bayes startup_trials"] = TpeSettings.MaxStartupTrials,
        ["bayes ei_candidates"] = TpeSettings.MaxEiCandidates,
        ["early_terminate min_evals"] = MaxEvals,
        ["early_terminate max_evals"] = MaxEvals,
        ["early_terminate evals"] = MaxEvals,
        ["early_terminate eta"] = MaxEta,
        ["early_terminate min_runs"] = SweepKeys.MaxTrials,
    };
}
