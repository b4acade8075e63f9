namespace MinRnnLab.Cluster.Tests;

/// <summary>A worker silo given a setting it cannot use stops before anything starts: one line naming it, exit 1.</summary>
public class SiloSettingsTests
{
    [Theory]
    [InlineData("Lab__Storage", "mysql", "error: Lab:Storage 'mysql' is not one of 'sqlite', 'postgres'")]
    [InlineData("Lab__Devices__0", "gpu", "error: Lab:Devices:0: device slot 'gpu' is not 'cpu', 'cuda' or 'cuda:N'")]
    public async Task AWrongSettingIsOneLineNamingItAndExitOne(string key, string value, string line)
    {
        var data = Path.Combine(Path.GetTempPath(), "minrnn-silo-settings-tests", Guid.NewGuid().ToString("N"));
        using var silo = SiloProcess.Start(new Dictionary<string, string> { [key] = value, ["Lab__DataFolder"] = data });

        var exit = await silo.WaitForExit();

        Assert.Equal(1, exit);
        Assert.Equal(line, Assert.Single(silo.Lines));
        Assert.False(File.Exists(Path.Combine(data, "state.db")));                       // refused before any storage opened
    }
}
