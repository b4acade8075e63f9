using MinRnnLab.Training.Data;

namespace MinRnnLab.Training.Tests;

/// <summary>The shared corpus, loaded once per test process, and temp folders.</summary>
public static class TestData
{
    public static string CorpusPath => MinRnnLab.Tests.Shared.TestCorpus.FilePath;

    private static readonly Lazy<CharDataset> Shared = new(() => CharDataset.Load(CorpusPath));

    /// <summary>One loaded corpus per test process; tests only read it.</summary>
    public static CharDataset Dataset => Shared.Value;

    public static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "minrnn-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
