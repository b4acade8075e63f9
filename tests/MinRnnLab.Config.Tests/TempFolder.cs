namespace MinRnnLab.Config.Tests;

/// <summary>A new folder under the system's temp folder, for a test's config files.</summary>
public static class TempFolder
{
    public static string New() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "minrnn-config-tests", Guid.NewGuid().ToString("N"))).FullName;
}
