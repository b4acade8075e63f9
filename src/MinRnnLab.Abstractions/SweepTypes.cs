using MinRnnLab.Sweeps;
using System.Text.Json.Serialization;

namespace MinRnnLab.Abstractions;

[GenerateSerializer, Alias("MinRnnLab.SweepState")]
public enum SweepState
{
    Running,
    Paused,
    Cancelled,
    Completed,
    /// <summary>Every trial failed: nothing was learned, which "Completed" would hide.</summary>
    Failed,
    /// <summary>Being deleted: its runs are stopped and their files, metrics and state removed; then the sweep is gone.</summary>
    Deleting,
}

public static class SweepStates
{
    /// <summary>True for states a sweep never leaves (a deleting sweep leaves only by vanishing): it starts no more trials.</summary>
    public static bool IsFinal(this SweepState state) => state is SweepState.Completed or SweepState.Cancelled or SweepState.Failed or SweepState.Deleting;
}

/// <summary>A sweep's headline: progress by run state and the best metric per architecture.</summary>
/// <param name="CancelledBeforeStart">Trials of a cancelled sweep's plan that never started (and never will).</param>
[GenerateSerializer, Immutable, Alias("MinRnnLab.SweepStatus")]
public sealed record SweepStatus(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Name,
    [property: Id(2)] SweepState State,
    [property: Id(3)] string Method,
    [property: Id(4)] int PlannedTrials,
    [property: Id(5)] Dictionary<RunState, int> RunsByState,
    [property: Id(6)] Dictionary<string, double> BestByArch,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string Metric,
    [property: Id(9)] double? TargetLoss,
    [property: Id(10)] int CancelledBeforeStart = 0)
{
    /// <summary>The sweep's display name (null: its file's name), tags and notes.</summary>
    [Id(11)]
    public Labels Labels { get; init; } = Labels.None;

    /// <summary>Trials whose runs were deleted one by one: over, and no longer listed.</summary>
    [Id(12)]
    public int DeletedTrials { get; init; }

    /// <summary>What pages and reports call the sweep: the name given to it, else its file's name.</summary>
    public string DisplayName => Labels.Name ?? Name;

    /// <summary>Trials that have a run.</summary>
    public int Started => RunsByState.Values.Sum();

    /// <summary>Trials that are over: runs in a final state, a cancelled sweep's trials that never started, deleted trials.</summary>
    public int Finished => RunsByState.Where(p => p.Key.IsFinal()).Sum(p => p.Value) + CancelledBeforeStart + DeletedTrials;

    /// <summary>Whether the sweep's metric is maximized; false (minimized) for the two losses a sweep may name by default.</summary>
    [Id(13)]
    public bool MetricMaximized { get; init; }

    /// <summary>The sweep's metric and which way is better: what its trials are ranked by.</summary>
    public SweepMetric Objective => new(Metric, MetricMaximized);

    /// <summary>Trials whose run failed (out of restarts, or refused at its start): every view of a sweep says how many.</summary>
    public int Failed => RunsByState.GetValueOrDefault(RunState.Failed);

    /// <summary>Finished trials as a share of the plan, 0 to 1: exactly 1 once every trial is over, cancelled ones included.</summary>
    public double Progress => PlannedTrials == 0 ? 1 : Math.Min(1.0, (double)Finished / PlannedTrials);

    /// <summary>True when every trial of the plan is over (succeeded, failed, diverged, pruned or cancelled).</summary>
    public bool IsComplete => Finished >= PlannedTrials;
}

/// <summary>One trial of a sweep: its parameters, the run that trains it, and how it did.</summary>
/// <param name="BestMetric">The best value of the sweep's metric its run has reported (<see cref="SweepStatus.Objective"/>).</param>
[GenerateSerializer, Immutable, Alias("MinRnnLab.TrialInfo")]
public sealed record TrialInfo(
    [property: Id(0)] int Index,
    [property: Id(1)] string RunId,
    [property: Id(2)] string Arch,
    [property: Id(3)] int SeedIndex,
    [property: Id(4)] Dictionary<string, string> Parameters,
    [property: Id(5)] RunState State,
    [property: Id(6), JsonPropertyName(TrialInfo.StoredBestName)] double? BestMetric,
    [property: Id(7)] int? BestStep,
    [property: Id(8)] int? StepsToTarget,
    [property: Id(9)] double TrainingSeconds)
{
    /// <summary>Why a trial failed without a run to say so (its run could never be created); null otherwise.</summary>
    [Id(10)]
    public string? Reason { get; init; }

    /// <summary>The run's name, tags and notes, as its run last reported them.</summary>
    [Id(11)]
    public Labels Labels { get; init; } = Labels.None;

    /// <summary>
    /// The JSON name <see cref="BestMetric"/> is stored under, in trial rows and run state: the name builds before the
    /// sweep's metric reached its runs gave it (when it could only be val_loss), so their rows read back as they are.
    /// </summary>
    public const string StoredBestName = "BestValLoss";
}

/// <summary>A sweep's trials that have no run yet.</summary>
/// <param name="Upcoming">The next trials known in advance (grid, random), in order, each in state Queued; empty for bayes.</param>
/// <param name="NotStarted">How many trials of the plan have not started; more than Upcoming for bayes or a long plan.</param>
[GenerateSerializer, Immutable, Alias("MinRnnLab.SweepPlan")]
public sealed record SweepPlan(
    [property: Id(0)] TrialInfo[] Upcoming,
    [property: Id(1)] int NotStarted);

/// <summary>
/// What a sweep's page shows of the sweep itself, read in one grain call: its status, the trials started so far, the
/// plan (at most the asked number of upcoming trials) and the sweep file verbatim.
/// </summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.SweepPage")]
public sealed record SweepPage(
    [property: Id(0)] SweepStatus Status,
    [property: Id(1)] TrialInfo[] Trials,
    [property: Id(2)] SweepPlan Plan,
    [property: Id(3)] string Definition);

/// <summary>
/// The answer to a submission: the sweep's status, or every error (nothing stored). <see cref="Errors"/> says each as
/// text (`file:line:column: message` where it has a place); <see cref="Located"/> holds those of the file itself, with
/// their places, for an editor or an HTTP client to point at.
/// </summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.SubmitResult")]
public sealed record SubmitResult(
    [property: Id(0)] SweepStatus? Status,
    [property: Id(1)] string[] Errors)
{
    [Id(2)] public SweepError[] Located { get; init; } = [];

    public bool Accepted => Status is not null;

    /// <summary>A file that did not pass: every error, in file order.</summary>
    public static SubmitResult Invalid(IEnumerable<SweepError> errors)
    {
        var located = errors.ToArray();
        return new SubmitResult(null, [.. located.Select(e => e.ToString())]) { Located = located };
    }
}
