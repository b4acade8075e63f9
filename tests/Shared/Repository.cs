namespace MinRnnLab.Tests.Shared;

/// <summary>Files of the checkout these tests were built from (sample sweeps, docs, scripts): the folder above the test binaries holding Orleans.sln.</summary>
public static class Repository
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
