using MinRnnLab.Config;
using MinRnnLab.Training.Checkpoints;

namespace MinRnnLab.Training.Runs;

/// <summary>
/// The run folder: what one `minrnn train` writes under --out_dir (the resolved config, a metrics CSV, the latest
/// checkpoint, the best one and a text sample). The one place that names these paths. A platform run keeps its artifacts
/// elsewhere (LabPaths.RunArtifactsFolder).
/// </summary>
public sealed class RunFolder
{
    public RunFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
    }

    public static RunFolder ForConfig(TrainConfig train) => new(string.IsNullOrWhiteSpace(train.OutDir)
        ? System.IO.Path.Combine("runs", DateTime.Now.ToString("yyyyMMdd-HHmmss"))
        : train.OutDir);

    public string Path { get; }
    public string ConfigFile => System.IO.Path.Combine(Path, "config.json");
    public string MetricsFile => System.IO.Path.Combine(Path, "metrics.csv");
    public string CheckpointFolder => System.IO.Path.Combine(Path, "checkpoint");

    /// <summary>The checkpoint of the best evaluation, beside the latest (BestCheckpoint).</summary>
    public string BestCheckpointFolder => BestCheckpoint.FolderBeside(CheckpointFolder);
    public string SampleFile => System.IO.Path.Combine(Path, "sample.txt");

    public void WriteConfig(RunConfig config) => File.WriteAllText(ConfigFile, ConfigJson.Serialize(config));
}
