using MinRnnLab.Config;
using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Sweeps;

/// <summary>
/// The sweep file's `tags:` (a list of single-word tags) and `notes:` (free text): what the sweep starts labelled with,
/// checked by the same <see cref="LabelRules"/> as every later edit, each error at the tag or note it is about.
/// </summary>
internal static class LabelsSection
{
    public static IReadOnlyList<string> ReadTags(YamlNode node, SweepErrors errors)
    {
        if (node is YamlScalarNode { Value: null or "" })
            return [];                                                                  // `tags:` left empty
        if (node is not YamlSequenceNode list)
        {
            errors.Add(node, $"tags: expected a list such as [baseline, lr-scan], found {YamlNodes.Describe(node)}");
            return [];
        }
        if (list.Children.Count > LabelRules.MaxTags)
            errors.Add(node, $"tags: expected at most {LabelRules.MaxTags}, found {list.Children.Count}");
        var tags = new List<string>();
        foreach (var item in list.Children)
        {
            if (!YamlNodes.TryText(item, errors, "tag", out var tag))
                continue;
            if (LabelRules.TagProblem(tag) is { } problem)
                errors.Add(item, $"tags: {problem}");
            else if (tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
                errors.Add(item, $"tags: '{tag}' is listed twice (tags are compared ignoring case)");
            else
                tags.Add(tag);
        }
        return tags;
    }

    public static string ReadNotes(YamlNode node, SweepErrors errors)
    {
        if (node is YamlScalarNode { Value: null or "" })
            return "";
        if (node is not YamlScalarNode { Value: { } text })
        {
            errors.Add(node, $"notes: expected text (a `|` block for several lines), found {YamlNodes.Describe(node)}");
            return "";
        }
        // A `|` block ends in a line break: kept notes read as written, without it.
        var notes = text.TrimEnd();
        if (LabelRules.NotesProblem(notes) is { } problem)
        {
            errors.Add(node, problem);
            return "";
        }
        return notes;
    }
}
