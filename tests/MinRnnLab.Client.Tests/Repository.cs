namespace MinRnnLab.Client.Tests;

/// <summary>The checkout these tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = Locate();

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
