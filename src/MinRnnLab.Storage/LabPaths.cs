namespace MinRnnLab.Storage;

/// <summary>
/// The one place that resolves the platform's files under its data folder:
/// state.db (grain state, reminders), metrics.db (step metrics), platform.lock and platform.holder (the one platform using it), artifacts/runs/&lt;run&gt;/checkpoint and run.log, corpus,
/// benchmarks/ (saved `minrnn bench` results).
/// </summary>
public sealed class LabPaths
{
    public LabPaths(string dataFolder, string? artifactsFolder = null)
    {
        DataFolder = Path.GetFullPath(dataFolder);
        ArtifactsFolder = Path.GetFullPath(artifactsFolder ?? Path.Combine(DataFolder, "artifacts"));
        Directory.CreateDirectory(DataFolder);
        Directory.CreateDirectory(ArtifactsFolder);
    }

    public string DataFolder { get; }
    public string ArtifactsFolder { get; }
    public string StateDatabase => Path.Combine(DataFolder, "state.db");
    public string MetricsDatabase => Path.Combine(DataFolder, "metrics.db");

    /// <summary>Held open exclusively by the one platform using this data folder (see DataFolderLock).</summary>
    public string PlatformLockFile => Path.Combine(DataFolder, "platform.lock");

    /// <summary>Who holds <see cref="PlatformLockFile"/>: readable while the lock itself is not.</summary>
    public string PlatformHolderFile => Path.Combine(DataFolder, "platform.holder");

    /// <summary>Where `minrnn bench scan` saves each run and the web UI's Benchmarks page reads them; created by the writer.</summary>
    public string BenchmarksFolder => BenchmarksFolderIn(DataFolder);

    /// <summary>
    /// <see cref="BenchmarksFolder"/> of a data folder, for readers that must not create the data and artifacts
    /// folders as the constructor does (the web UI in client mode).
    /// </summary>
    public static string BenchmarksFolderIn(string dataFolder) => Path.Combine(Path.GetFullPath(dataFolder), "benchmarks");

    /// <summary>Checkpoint folder of a run. Run ids are "{sweep}/{trial}"; anything that could escape the folder is refused.</summary>
    public string CheckpointFolder(string runId) => Path.Combine(RunArtifactsFolder(runId), "checkpoint");

    /// <summary>
    /// The run's best checkpoint, beside its latest: the name MinRnnLab.Training's BestCheckpoint.FolderBeside gives it
    /// (a Worker test holds the two to the same folder), for code that must not load the trainer (grains).
    /// </summary>
    public string BestCheckpointFolder(string runId) => CheckpointFolder(runId) + "-best";

    /// <summary>The run's append-only text log (RunLog), beside its checkpoint so every silo sharing artifacts can read it.</summary>
    public string RunLogFile(string runId) => Path.Combine(RunArtifactsFolder(runId), "run.log");

    /// <summary>
    /// A platform run's own folder of artifacts (checkpoint, run.log) under artifacts/runs. Not a "run folder", which
    /// is what `minrnn train` writes (Training's RunFolder: config, metrics.csv, checkpoint, sample).
    /// </summary>
    public string RunArtifactsFolder(string runId)
    {
        var parts = runId.Split('/');
        if (parts.Any(p => p.Length == 0 || p == "." || p == ".." || p.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0))
            throw new ArgumentException($"run id '{runId}' cannot name a folder");
        var folder = Path.GetFullPath(Path.Combine([ArtifactsFolder, "runs", .. parts]));
        return folder.StartsWith(ArtifactsFolder, StringComparison.Ordinal)
            ? folder
            : throw new ArgumentException($"run id '{runId}' points outside the artifacts folder");
    }
}
