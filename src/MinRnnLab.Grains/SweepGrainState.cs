using System.Text.Json.Serialization;
using MinRnnLab.Abstractions;
using MinRnnLab.Sweeps;

namespace MinRnnLab.Grains;

/// <summary>
/// A sweep's lifecycle truth, the same size however many trials run: the submitted file (as text and parsed) and where
/// the sweep stands.
/// Each trial is its own row (SweepTrials); evaluations live in the metrics store (the sweep's EvalHistory is
/// rebuilt from it on activation), so no event rewrites a list that grows with the sweep.
/// </summary>
public sealed class SweepGrainState
{
    /// <summary>The file as submitted: what users read back (GetDefinition), never parsed again once <see cref="Definition"/> is set.</summary>
    public string? Yaml { get; set; }

    /// <summary>
    /// The file as parsed and validated at submission: what the grain expands trials from, ranks and prunes by. Null in
    /// state written before sweeps kept it, which holds only <see cref="Yaml"/>: parsed at the first activation, then kept.
    /// </summary>
    public SweepDefinition? Definition { get; set; }
    public string FileName { get; set; } = "";
    public SweepState State { get; set; }
    public int PlannedTrials { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Steps between evaluations (the same for every trial when early termination or TPE reads them).</summary>
    public int EvalInterval { get; set; } = 1;

    /// <summary>
    /// The sweep's name, tags and notes (from the file's `tags:`/`notes:`, then edits). Null in state written before
    /// sweeps had labels: such a sweep reads as unlabelled (<see cref="Abstractions.Labels.None"/>) until edited.
    /// </summary>
    public Labels? Labels { get; set; }

    /// <summary>Runs whose delete was asked for and not yet finished (a silo that dies midway leaves them here).</summary>
    public List<string> DeletingRuns { get; set; } = [];

    /// <summary>Trial indexes whose runs were deleted one by one: never given out again, and counted as over.</summary>
    public List<int> DeletedTrials { get; set; } = [];

    /// <summary>
    /// The trial list as earlier versions stored it inside this state; moved into trial rows on activation, then
    /// null. (Their NextTrial, Observations and Suggested are derived now, and ignored when read.)
    /// </summary>
    [JsonPropertyName("Trials")]
    public List<TrialInfo>? LegacyTrials { get; set; }
}
