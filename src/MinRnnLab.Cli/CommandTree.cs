using System.CommandLine;
using MinRnnLab.Cli.Commands;

namespace MinRnnLab.Cli;

/// <summary>Every `minrnn` command, declared: the parser, the help and the shell completions all come from this tree.</summary>
public static class CommandTree
{
    public static RootCommand Build()
    {
        var root = new RootCommand("minrnn: train and benchmark sequence models, and run sweeps on the MinRnnLab platform")
        {
            TrainCommand.Create(),
            SampleCommand.Create(),
            EvalCommand.Create(),
            new Command("bench", "measure: step time, scans, memory, crashes, trial processes, orchestration")
            {
                BenchTrainCommand.Create(),
                BenchScanCommand.Create(),
                BenchMemoryCommand.Create(),
                BenchSoakCommand.Create(),
                BenchTrialCommand.Create(),
                BenchOrchestrationCommand.Create(),
                BenchQueueCommand.Create(),
                BenchClusterCommand.Create(),
            },
            new Command("sweep", "sweep files and the sweeps on the platform")
            {
                SweepValidateCommand.Create(),
                SweepCommands.Submit(),
                SweepCommands.List(),
                SweepRunsCommand.Create(),
                SweepCommands.Status(),
                SweepWatchCommand.Create(),
                SweepCommands.Cancel(),
                SweepCommands.Pause(),
                SweepCommands.Resume(),
                SweepReportCommand.Create(),
                SweepLogsCommand.Create(),
                SweepLabelCommands.Tag(),
                SweepLabelCommands.Untag(),
                SweepLabelCommands.Note(),
                SweepLabelCommands.Rename(),
                SweepDeleteCommand.Create(),
            },
            ServeCommand.Create(),
            ClusterCommand.Create(),
            KeysCommand.Create(),
            TrialCommand.Create(),
        };
        return root;
    }

    /// <summary>"minrnn sweep logs" for the logs command, "minrnn" for the root.</summary>
    public static string NameOf(Command command)
    {
        var words = new List<string>();
        for (Symbol? symbol = command; symbol is Command { } c; symbol = c.Parents.FirstOrDefault())
            words.Insert(0, c is RootCommand ? "minrnn" : c.Name);
        return string.Join(' ', words);
    }
}
