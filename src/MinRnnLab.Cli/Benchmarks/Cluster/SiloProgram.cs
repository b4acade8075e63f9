namespace MinRnnLab.Cli.Benchmarks.Cluster;

/// <summary>
/// The MinRnnLab.Silo.dll a cluster benchmark starts: the one given, else one beside this program, else the one built
/// in this repository (src/MinRnnLab.Silo/bin/CONFIGURATION/net10.0, this program's configuration first).
/// </summary>
public static class SiloProgram
{
    public const string FileName = "MinRnnLab.Silo.dll";

    public static string Locate(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
            return File.Exists(given) ? Path.GetFullPath(given) : throw new ArgumentException($"--silo {given}: no such file");
        var beside = Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(beside))
            return beside;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";   // bin/<configuration>/net10.0/
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var built = new[] { configuration, "Release", "Debug" }
                .Select(c => Path.Combine(folder.FullName, "src", "MinRnnLab.Silo", "bin", c, "net10.0", FileName))
                .FirstOrDefault(File.Exists);
            if (built is not null)
                return built;
        }
        throw new ArgumentException($"no {FileName} beside this program or built in its repository: build src/MinRnnLab.Silo, or give --silo PATH");
    }
}
