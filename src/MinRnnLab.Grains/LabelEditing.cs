using MinRnnLab.Abstractions;
using MinRnnLab.Config;

namespace MinRnnLab.Grains;

/// <summary>How sweep and run grains apply a <see cref="LabelEdit"/>: validated whole before anything changes.</summary>
internal static class LabelEditing
{
    /// <summary>
    /// <paramref name="labels"/> with <paramref name="edit"/> applied, or ArgumentException naming the bad tag, note or
    /// name and the rule it breaks (<see cref="LabelRules"/>); nothing is changed then.
    /// </summary>
    public static Labels Apply(Labels labels, LabelEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        foreach (var tag in edit.AddTags ?? [])
            LabelRules.ThrowIfBadTag(tag);
        var removed = new HashSet<string>((edit.RemoveTags ?? []).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        var tags = labels.Tags.Concat(edit.AddTags ?? []).Where(t => !removed.Contains(t)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (tags.Length > LabelRules.MaxTags)
            throw new ArgumentException($"tags: at most {LabelRules.MaxTags}, this edit would leave {tags.Length}", nameof(edit));
        var notes = edit.Notes ?? labels.Notes;
        LabelRules.ThrowIfBadNotes(notes);
        var name = edit.Name is null ? labels.Name : edit.Name.Trim() is { Length: > 0 } trimmed ? trimmed : null;
        LabelRules.ThrowIfBadName(name);
        return new Labels(name, tags, notes);
    }
}
