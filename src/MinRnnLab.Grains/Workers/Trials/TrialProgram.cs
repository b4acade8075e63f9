using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using MinRnnLab.Grains.Hosting;

namespace MinRnnLab.Grains.Workers.Trials;

/// <summary>
/// The program a worker starts for each trial: `dotnet minrnn.dll trial`, on the runtime this silo runs on. minrnn.dll
/// ships beside every host of a silo (the Silo, the Web and the test projects reference MinRnnLab.Cli, whose output
/// brings minrnn.dll, its deps.json and runtimeconfig.json along), unless Lab:TrialProgram names another.
/// </summary>
public sealed record TrialProgram(string Dotnet, string Assembly)
{
    public const string FileName = "minrnn.dll";

    /// <summary>Finds it, or throws ArgumentException naming what is missing and the settings that fix it.</summary>
    public static TrialProgram Locate(LabOptions options)
    {
        var assembly = Path.GetFullPath(string.IsNullOrWhiteSpace(options.TrialProgram)
            ? Path.Combine(AppContext.BaseDirectory, FileName)
            : options.TrialProgram);
        if (!File.Exists(assembly))
            throw new ArgumentException($"Lab:Executor 'process' starts each trial as `dotnet {FileName} trial`, but there is no {assembly}: " +
                                        "set Lab:TrialProgram to minrnn.dll's path, or Lab:Executor to 'torch' to train in the silo's process");
        return new TrialProgram(DotnetHost(), assembly);
    }

    public ProcessStartInfo StartInfo()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var info = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardInputEncoding = utf8, StandardOutputEncoding = utf8, StandardErrorEncoding = utf8,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Assembly);
        info.ArgumentList.Add("trial");
        return info;
    }

    /// <summary>The `dotnet` host this process runs under, so trials run on the same runtime: found from the runtime's own folder.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
            return self;
        // <dotnet root>/shared/Microsoft.NETCore.App/<version>/ holds the runtime; the host is <dotnet root>/dotnet.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}
