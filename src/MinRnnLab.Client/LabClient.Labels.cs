using MinRnnLab.Abstractions;

namespace MinRnnLab.Client;

/// <summary>Names, tags and notes on sweeps and runs: each call is one edit, applied and stored by the grain that owns them.</summary>
public sealed partial class LabClient
{
    /// <summary>
    /// Applies <paramref name="edit"/> to the sweep's labels and returns them afterwards. Throws KeyNotFoundException
    /// ("no sweep 'X'") for an unknown sweep, ArgumentException naming a bad tag, note or name (nothing stored).
    /// </summary>
    public async Task<Labels> EditSweepLabelsAsync(string sweepId, LabelEdit edit) =>
        await Sweep(sweepId).EditLabels(edit) ?? throw new KeyNotFoundException(NotFound.Sweep(sweepId));

    /// <summary>As <see cref="EditSweepLabelsAsync"/>, for a run ("sweep-id/trial"); "no run 'X'" when there is none.</summary>
    public async Task<Labels> EditRunLabelsAsync(string runId, LabelEdit edit) =>
        await Run(runId).EditLabels(edit) ?? throw new KeyNotFoundException(NotFound.Run(runId));

    /// <summary>Adds <paramref name="tags"/> to the sweep (those it has already are kept once).</summary>
    public Task<Labels> TagSweepAsync(string sweepId, params string[] tags) => EditSweepLabelsAsync(sweepId, new LabelEdit(AddTags: tags));

    /// <summary>Removes <paramref name="tags"/> from the sweep (those it does not have are ignored).</summary>
    public Task<Labels> UntagSweepAsync(string sweepId, params string[] tags) => EditSweepLabelsAsync(sweepId, new LabelEdit(RemoveTags: tags));

    /// <summary>Replaces the sweep's notes ("" clears them).</summary>
    public Task<Labels> SetSweepNotesAsync(string sweepId, string notes) => EditSweepLabelsAsync(sweepId, new LabelEdit(Notes: notes));

    /// <summary>Adds <paramref name="tags"/> to the run.</summary>
    public Task<Labels> TagRunAsync(string runId, params string[] tags) => EditRunLabelsAsync(runId, new LabelEdit(AddTags: tags));

    /// <summary>Removes <paramref name="tags"/> from the run.</summary>
    public Task<Labels> UntagRunAsync(string runId, params string[] tags) => EditRunLabelsAsync(runId, new LabelEdit(RemoveTags: tags));

    /// <summary>Replaces the run's notes ("" clears them).</summary>
    public Task<Labels> SetRunNotesAsync(string runId, string notes) => EditRunLabelsAsync(runId, new LabelEdit(Notes: notes));

    /// <summary>Names the run ("" removes its name): pages and exports show it beside the run's id.</summary>
    public Task<Labels> NameRunAsync(string runId, string name) => EditRunLabelsAsync(runId, new LabelEdit(Name: name));
}
