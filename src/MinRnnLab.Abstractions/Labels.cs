namespace MinRnnLab.Abstractions;

/// <summary>
/// What a researcher writes on a sweep or a run to find it again: a display name, tags and free notes. Set in the
/// sweep file (<c>tags:</c>, <c>notes:</c>) and edited from the UI, the CLI and the client; never part of training.
/// </summary>
/// <param name="Name">A display name (a run has none until given one; a sweep's is its file's <c>name:</c> unless renamed).</param>
/// <param name="Tags">Distinct tags, in the order they were added (MinRnnLab.Config.LabelRules says what a tag may be).</param>
/// <param name="Notes">Free text, possibly several lines; empty when none.</param>
[GenerateSerializer, Immutable, Alias("MinRnnLab.Labels")]
public sealed record Labels(
    [property: Id(0)] string? Name,
    [property: Id(1)] string[] Tags,
    [property: Id(2)] string Notes)
{
    public static Labels None { get; } = new(null, [], "");

    /// <summary>True when <paramref name="tag"/> is one of the tags, compared as tags are (case-insensitively).</summary>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// One change to a sweep's or run's labels, applied in one grain turn so two editors never undo each other's tags.
/// Null fields leave that part as it is.
/// </summary>
/// <param name="AddTags">Tags to add (already present ones are kept once).</param>
/// <param name="RemoveTags">Tags to remove (absent ones are ignored).</param>
/// <param name="Notes">The new notes ("" clears them), or null to keep them.</param>
/// <param name="Name">The new display name ("" clears it), or null to keep it.</param>
[GenerateSerializer, Immutable, Alias("MinRnnLab.LabelEdit")]
public sealed record LabelEdit(
    [property: Id(0)] string[]? AddTags = null,
    [property: Id(1)] string[]? RemoveTags = null,
    [property: Id(2)] string? Notes = null,
    [property: Id(3)] string? Name = null);
