using MinRnnLab.Training.Data;

namespace MinRnnLab.Training.Tests;

/// <summary>Finds the shared corpus: MINRNN_DATA if set, else a shared/data folder beside some ancestor of the tests.</summary>
public static class TestData
{
    public static string CorpusPath { get; } = Locate();

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable(Corpus.EnvironmentVariable) is { Length: > 0 } env)
            return Directory.Exists(env) ? Path.Combine(env, Corpus.FileName) : env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", Corpus.FileName);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"tiny Shakespeare not found: set {Corpus.EnvironmentVariable} or place shared/data beside the repository");
    }

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
