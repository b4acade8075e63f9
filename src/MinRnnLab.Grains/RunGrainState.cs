using System.Text.Json.Serialization;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Grains;

/// <summary>A run's lifecycle truth: small, written at state changes and evaluations.</summary>
public sealed class RunGrainState
{
    public RunSpec? Spec { get; set; }
    public RunState State { get; set; } = RunState.Queued;
    public int Attempt { get; set; }
    public string? Worker { get; set; }
    public int LastStep { get; set; }
    public int? LastCheckpointStep { get; set; }

    /// <summary>The best value of the run's metric (its sweep's: <see cref="RunSpec.Objective"/>), under its stored name.</summary>
    [JsonPropertyName(TrialInfo.StoredBestName)]
    public double? BestMetric { get; set; }

    public int? BestStep { get; set; }
    public int? StepsToTarget { get; set; }
    public double? FinalValLoss { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public double TrainingSeconds { get; set; }

    /// <summary>Since when the metrics store refuses this attempt's evaluations (a full disk); null while it stores them.</summary>
    public DateTimeOffset? MetricsWaitingSince { get; set; }

    /// <summary>Attempts that ended by a silo handing the run back on shutdown: not restarts, so max_restarts does not count them.</summary>
    public int HandedBack { get; set; }

    /// <summary>Attempts whose lease expired (their silo died or stopped answering): preemptions, not counted by max_restarts.</summary>
    public int LostLeases { get; set; }

    /// <summary>
    /// Its sweep was paused while it trained: its worker is asked to checkpoint and hand it back, and then it waits
    /// Paused instead of in the queue. Cleared when it is paused or resumed.
    /// </summary>
    public bool PauseRequested { get; set; }

    /// <summary>Set by the first step of deleting the run: its worker's reports are refused from then on.</summary>
    public bool Deleting { get; set; }

    /// <summary>The run's name, tags and notes; null in state written before runs had labels (read as none).</summary>
    public Labels? Labels { get; set; }

    /// <summary>
    /// One entry per attempt, the last being the current one. State is stored as JSON: a row written before this
    /// list existed reads back with it empty.
    /// </summary>
    public List<RunAttempt> Attempts { get; set; } = [];
}
