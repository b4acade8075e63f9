using System.Diagnostics;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Cli.Tests;

/// <summary>One of scripts/'s test-suite scripts run with bash on a `dotnet test` output file, as scripts/test.sh runs it.</summary>
internal static class TestScript
{
    /// <summary>Every test project's name, as `dotnet test` names its summary line.</summary>
    public static readonly string[] Projects = Directory.GetFiles(Repository.PathOf("tests"), "*.Tests.csproj", SearchOption.AllDirectories)
        .Select(Path.GetFileNameWithoutExtension).ToArray()!;

    /// <summary>A project's summary line as `dotnet test` prints it.</summary>
    public static string Summary(string project, int passed, int failed = 0) =>
        $"{(failed == 0 ? "Passed!" : "Failed!")}  - Failed:     {failed}, Passed:     {passed}, Skipped:     0, Total:     {passed + failed}, Duration: 1 s - {project}.dll (net10.0)";

    public static (int Exit, string Output) Run(string script, string log, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Repository.PathOf("scripts", script));
        info.ArgumentList.Add(log);
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
