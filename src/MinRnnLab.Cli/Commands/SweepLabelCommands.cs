using System.CommandLine;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn sweep tag|untag|note|rename ID ...`: names, tags and notes on a sweep or, given SWEEP/TRIAL, on a run. Each
/// prints the labels as stored afterwards; a bad tag or note is named (exit 2) and nothing is stored.
/// </summary>
public static class SweepLabelCommands
{
    public static Command Tag()
    {
        var tags = Words("TAG", "the tags to add");
        return Build("tag", "add tags to a sweep or a run (tags it has already are kept once)", tags, parse => new LabelEdit(AddTags: parse.GetValue(tags)));
    }

    public static Command Untag()
    {
        var tags = Words("TAG", "the tags to remove");
        return Build("untag", "remove tags from a sweep or a run", tags, parse => new LabelEdit(RemoveTags: parse.GetValue(tags)));
    }

    public static Command Note()
    {
        var text = new Argument<string>("TEXT") { Description = "the notes" };
        return Build("note", "replace the notes of a sweep or a run (\"\" clears them)", text, parse => new LabelEdit(Notes: parse.GetValue(text)));
    }

    public static Command Rename()
    {
        var name = new Argument<string>("NAME") { Description = "the display name" };
        return Build("rename", "give a sweep or a run a display name (\"\" goes back to the sweep file's name, or none for a run)", name,
            parse => new LabelEdit(Name: parse.GetValue(name)));
    }

    private static Argument<string[]> Words(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.OneOrMore };

    private static Command Build(string name, string description, Argument value, Func<ParseResult, LabelEdit> edit)
    {
        var id = new Argument<string>("ID") { Description = "a sweep's id (sweep list shows them), or a run's: SWEEP/TRIAL" };
        return SweepCommands.OnPlatform(new Command(name, description) { id, value }, async (parse, client, _, _) =>
        {
            var target = parse.GetValue(id)!;
            Print(parse.InvocationConfiguration.Output, target, await EditAsync(client, target, edit(parse)));
            return 0;
        });
    }

    /// <summary>A run's id has its sweep's id and its trial number around a '/'; a sweep's id never has one.</summary>
    private static Task<Labels> EditAsync(LabClient client, string id, LabelEdit edit) =>
        id.Contains('/', StringComparison.Ordinal) ? client.EditRunLabelsAsync(id, edit) : client.EditSweepLabelsAsync(id, edit);

    internal static void Print(TextWriter output, string id, Labels labels)
    {
        output.WriteLine(labels.Name is null ? id : $"{id} ({labels.Name})");
        output.WriteLine($"  tags: {(labels.Tags.Length == 0 ? "none" : string.Join(", ", labels.Tags))}");
        if (labels.Notes.Length > 0)
            output.WriteLine($"  notes: {labels.Notes.ReplaceLineEndings("\n         ")}");
    }
}
