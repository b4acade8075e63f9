namespace MinRnnLab.Sweeps.Tests;

/// <summary>Files of the checkout these tests run from (sample sweeps, docs, fuzz crashers).</summary>
internal static class Repository
{
    public static string Root { get; } = Locate();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no Orleans.sln above {AppContext.BaseDirectory}");
    }
}
