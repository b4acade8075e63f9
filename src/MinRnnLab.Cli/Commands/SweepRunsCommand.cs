using System.CommandLine;
using MinRnnLab.Client;
using MinRnnLab.Client.Runs;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn sweep runs [--where FILTER] [--sort KEY] [--desc] [--limit N]`: every run of every sweep as the web's Runs page
/// lists them, in its filter language (`arch = mingru and learning_rate &lt; 3e-3`). A bad filter or sort key is named (exit 2).
/// </summary>
public static class SweepRunsCommand
{
    public static Command Create()
    {
        var where = new Option<string?>("--where") { Description = "keep the runs this filter describes: key = value, < <= > >= != ~, a|b, tag = x, joined by 'and'", HelpName = "FILTER" };
        var sort = new Option<string>("--sort") { Description = "the column to order by (best, final, seconds, a swept key…)", HelpName = "KEY", DefaultValueFactory = _ => "best" };
        var descending = new Option<bool>("--desc") { Description = "highest first" };
        var limit = new Option<int>("--limit") { Description = "print at most this many runs", HelpName = "N", DefaultValueFactory = _ => 50 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
                result.AddError("--limit is at least 1");
        });
        var command = new Command("runs", "every run of every sweep with its summary, filtered and sorted as on the web's Runs page") { where, sort, descending, limit };
        return SweepCommands.OnPlatform(command, async (parse, client, _, _) =>
        {
            var rows = await client.QueryRunsAsync(parse.GetValue(where), parse.GetValue(sort)!, parse.GetValue(descending));
            Print(rows.Take(parse.GetValue(limit)).ToList(), rows.Count);
            return 0;
        });
    }

    private static void Print(IReadOnlyList<RunRow> shown, int matching)
    {
        var columns = RunColumns.Of(shown).Where(c => c.Key is not ("run" or "tags")).ToList();
        var table = new Table().AddColumn("run");
        foreach (var column in columns)
            table.AddColumn(new TableColumn(column.Key) { Alignment = column.IsNumeric ? Justify.Right : Justify.Left });
        table.AddColumn("tags");
        foreach (var row in shown)
            table.AddRow([Markup.Escape(row.RunId), .. columns.Select(c => Markup.Escape(c.Text(row) ?? "–")), Markup.Escape(string.Join(", ", row.Tags))]);
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"{shown.Count} of {matching} matching run(s)");
    }
}
