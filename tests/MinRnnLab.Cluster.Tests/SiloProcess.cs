using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Cluster.Tests;

/// <summary>A real MinRnnLab.Silo process, configured as an operator would: Lab__* environment variables.</summary>
public static class SiloProcess
{
    public static TestProcess Start(IReadOnlyDictionary<string, string> settings, Action<string>? onLine = null) =>
        TestProcess.Start("silo", Assembly(), [], settings, onLine);

    /// <summary>The silo built beside this test project (same configuration: Debug or Release).</summary>
    private static string Assembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;                // bin/<configuration>/net10.0/
        var path = Path.Combine(Repository.Root, "src", "MinRnnLab.Silo", "bin", configuration, "net10.0", "MinRnnLab.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build MinRnnLab.Silo first: {path} not found");
    }
}
