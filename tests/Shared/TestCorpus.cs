namespace MinRnnLab.Tests.Shared;

/// <summary>
/// The shared tiny Shakespeare corpus for tests: MINRNN_DATA if set (a file or a folder), else shared/data beside
/// some ancestor folder of the test binaries — ../shared/data next to the checkout, as CI lays it out.
/// Linked into each test project that trains, so there is one rule for finding it.
/// </summary>
public static class TestCorpus
{
    public const string FileName = "tinyshakespeare.txt";

    public static string FilePath { get; } = Locate();

    public static string Folder => Path.GetDirectoryName(FilePath)!;

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("MINRNN_DATA") is { Length: > 0 } env)
            return Directory.Exists(env) ? Path.Combine(env, FileName) : env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", FileName);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"{FileName} not found: set MINRNN_DATA or place shared/data beside the repository");
    }
}
