using System.Diagnostics;
using MinRnnLab.Tests.Shared;
using Xunit.Abstractions;

namespace MinRnnLab.Client.Tests;

/// <summary>
/// The client as a user outside this repository gets it: `dotnet pack` makes the packages into a folder feed, the
/// README's program (examples/client) is built in a temporary folder against that feed alone, and it runs a sweep on
/// a `minrnn serve` this test starts, to every trial's result.
/// </summary>
public sealed class ClientPackageTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>What the client package needs of this repository: packed with it, in this order of dependence.</summary>
    public static readonly string[] PackedProjects = ["MinRnnLab.Abstractions", "MinRnnLab.Config", "MinRnnLab.Sweeps", "MinRnnLab.Client"];

    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "minrnn-client-package", Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task AProgramBuiltAgainstThePackagesRunsASweepOnARunningPlatform()
    {
        var feed = Directory.CreateDirectory(Path.Combine(folder, "feed")).FullName;
        foreach (var project in PackedProjects)
            await Run("dotnet", ["pack", Repository.PathOf("src", project), "-c", Configuration, "-o", feed], Repository.Root);
        Assert.Equal(PackedProjects.Select(p => $"{p}.1.0.0.nupkg").Order(), Directory.GetFiles(feed).Select(Path.GetFileName).Order());

        var program = Directory.CreateDirectory(Path.Combine(folder, "program")).FullName;
        foreach (var file in new[] { "Program.cs", "ClientExample.csproj" })
            File.Copy(Repository.PathOf("examples", "client", file), Path.Combine(program, file));
        File.WriteAllText(Path.Combine(program, "nuget.config"), NuGetConfig(feed));
        await Run("dotnet", ["build", "-c", "Release"], program);

        var gateway = FreePort.Next();
        var data = Path.Combine(folder, "data");
        using var serve = TestProcess.Start("serve", MinrnnDll, ["serve", "--data", data, "--gateway", gateway.ToString(), "--silo_port", FreePort.Next().ToString(), "--threads", "1"],
            new Dictionary<string, string> { ["MINRNN_DATA"] = TestCorpus.FilePath }, output.WriteLine);
        await Poll.Until(() => Task.FromResult(serve.Output), text => text.Contains("platform running") || serve.HasExited, seconds: 300);
        Assert.False(serve.HasExited, serve.Output);
        var sweep = Path.Combine(folder, "tiny.yaml");
        File.WriteAllText(sweep, """
            name: packaged
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny, max_iters: 10, eval_interval: 5, n_embd: 16}
            parameters:
              arch: {values: [transformer, mingru]}
            """);

        var printed = await Run("dotnet", [Path.Combine(program, "bin", "Release", "net10.0", "ClientExample.dll"), gateway.ToString(), sweep], program);

        Assert.Contains(": Completed", printed);
        Assert.Equal(2, printed.Split('\n').Count(line => line.StartsWith("trial packaged-", StringComparison.Ordinal) && line.Contains(": succeeded, best val_loss")));
    }

    [Fact]
    public void TheReadmeShowsTheProgramAndItsProjectAsTheyAre()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md")).Replace("\r\n", "\n");

        foreach (var file in new[] { "Program.cs", "ClientExample.csproj" })
            Assert.Contains(File.ReadAllText(Repository.PathOf("examples", "client", file)).Replace("\r\n", "\n").TrimEnd(), readme);
    }

    /// <summary>
    /// The MinRnnLab packages come from the feed alone; the others from the packages this machine has already
    /// restored, else nuget.org. A folder of its own for what restore extracts: a cached MinRnnLab.Client 1.0.0 from an
    /// earlier run would otherwise stand in for the one just packed.
    /// </summary>
    private string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config>
            <add key="globalPackagesFolder" value="{Path.Combine(folder, "packages")}" />
          </config>
          <packageSources>
            <clear />
            <add key="minrnnlab" value="{feed}" />
            <add key="restored" value="{Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="minrnnlab"><package pattern="MinRnnLab.*" /></packageSource>
            <packageSource key="restored"><package pattern="*" /></packageSource>
            <packageSource key="nuget.org"><package pattern="*" /></packageSource>
          </packageSourceMapping>
        </configuration>
        """;

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>minrnn.dll as this checkout built it (the test project builds the CLI first, without referencing it).</summary>
    private static string MinrnnDll => Repository.PathOf("src", "MinRnnLab.Cli", "bin", Configuration, "net10.0", "minrnn.dll");

    /// <summary>Runs a command to its end; its output, or a failure that shows it.</summary>
    private async Task<string> Run(string command, string[] args, string workingDirectory)
    {
        var info = new ProcessStartInfo(command) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await stdout + await stderr;
        output.WriteLine($"$ {command} {string.Join(' ', args)}\n{text}");
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', args)} exited {process.ExitCode}:\n{text}");
        return text;
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
