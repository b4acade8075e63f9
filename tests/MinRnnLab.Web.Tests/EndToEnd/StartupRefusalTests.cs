using MinRnnLab.Tests.Shared;
using System.Diagnostics;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// The web app as a real process that must refuse to start: the operator reads one line on stderr that says why,
/// and the exit code is not zero. Never a stack trace (it once printed an unhandled exception and aborted, 134).
/// </summary>
public class StartupRefusalTests
{
    [Theory]
    [InlineData("no secret on an exposed address", "set Web:AdminSecret", "--urls", "http://0.0.0.0:{port}")]
    [InlineData("no secret on every address", "set Web:AdminSecret", "--urls", "http://*:{port}")]
    [InlineData("a login allowing no attempts", "Web:LoginAttemptsPerMinute is 0", "--urls", "http://127.0.0.1:{port}", "--Web:AdminSecret", "s3cret", "--Web:LoginAttemptsPerMinute", "0")]
    [InlineData("an unknown storage", "Lab:Storage 'mysql' is not one of 'sqlite', 'postgres'", "--urls", "http://127.0.0.1:{port}", "--Lab:Storage", "mysql")]
    [InlineData("an unknown web mode", "Web:Mode 'cluster' is not one of 'embedded', 'client'", "--urls", "http://127.0.0.1:{port}", "--Web:Mode", "cluster")]
    [InlineData("a device slot that is no device", "Lab:Devices:0: device slot 'gpu' is not 'cpu', 'cuda' or 'cuda:N'", "--urls", "http://127.0.0.1:{port}", "--Lab:Devices:0", "gpu")]
    [InlineData("a gateway that is no address", "Web:Gateways entry 'nowhere' is not host:port", "--urls", "http://127.0.0.1:{port}", "--Web:Mode", "client", "--Web:Gateways:0", "nowhere")]
    public async Task ARefusalIsOneLineOnStderrAndANonZeroExit(string why, string reason, params string[] args)
    {
        var port = FreePort.Next().ToString();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MinRnnLab.Web.Embedded.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg.Replace("{port}", port));
        start.ArgumentList.Add("--Lab:DataFolder");
        start.ArgumentList.Add(Path.Combine(Path.GetTempPath(), "minrnn-web-tests", Guid.NewGuid().ToString("N")));
        // As `dotnet run` starts it, through launchSettings.json.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment.Remove("Web__AdminSecret");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(patience.Token);

        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(process.ExitCode == 1, $"{why}: exit {process.ExitCode}");
        var line = Assert.Single(lines);
        Assert.StartsWith("minrnnlab-web: not starting: ", line);
        Assert.Contains(reason, line);
        Assert.DoesNotContain("   at ", await stdout);
        Assert.DoesNotContain("Exception", await stdout + line);
    }
}
