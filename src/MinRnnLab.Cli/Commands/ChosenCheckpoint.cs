using System.CommandLine;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Training.Runs;

namespace MinRnnLab.Cli.Commands;

/// <summary>The checkpoint `sample` and `eval` read: a checkpoint folder, or a run folder's best one (or its latest).</summary>
public static class ChosenCheckpoint
{
    /// <summary>--checkpoint DIR, as each command that reads one declares it (an option belongs to one command).</summary>
    public static Option<string> PathOption() => Declare.Text("--checkpoint", "DIR",
        "a checkpoint folder, or a run folder (train's, or a platform run's artifacts/runs/<sweep>/<trial>)", required: true);

    public static Option<bool> LatestOption() => Declare.Flag("--latest", "read the latest checkpoint instead of the best");

    public static string Folder(string path, bool latest)
    {
        // A run folder is accepted too (a `train` run's, or a platform run's under artifacts/runs): its checkpoint lives in a fixed subfolder.
        var runCheckpoint = new RunFolder(path).CheckpointFolder;
        var named = Directory.Exists(runCheckpoint) ? runCheckpoint : path;
        // Runs saved before the best checkpoint was kept have only the latest one, which is read instead.
        return BestCheckpoint.Choose(named, preferBest: !latest);
    }
}
