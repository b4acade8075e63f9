using System.Diagnostics;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Cli.Tests;

/// <summary>
/// scripts/test-summary.sh, which ends the README's test command: a test host that crashed prints no summary line,
/// and once counted nowhere ("747 passed, 0 failed" beside exit 1). Now it is a named failure.
/// </summary>
public sealed class TestSummaryScriptTests : IDisposable
{
    private readonly string log = Path.GetTempFileName();
    private static readonly string[] Projects = Directory.GetFiles(Repository.PathOf("tests"), "*.Tests.csproj", SearchOption.AllDirectories)
        .Select(Path.GetFileNameWithoutExtension).ToArray()!;

    [Fact]
    public void EveryProjectSummarisedAddsUpAndPasses()
    {
        File.WriteAllLines(log, Projects.Select(p => Summary(p, passed: 3)));

        var (exit, output) = Summarise();

        Assert.Equal(0, exit);
        Assert.EndsWith($"{3 * Projects.Length} passed, 0 failed", output.Trim());
    }

    [Fact]
    public void AProjectWhoseTestHostCrashedCountsAsAFailureAndIsNamed()
    {
        var crashed = Projects[0];
        File.WriteAllLines(log, [
            .. Projects.Skip(1).Select(p => Summary(p, passed: 3)),
            "The active test run was aborted. Reason: Test host process crashed : Fatal error.",
        ]);

        var (exit, output) = Summarise();

        Assert.Equal(1, exit);
        Assert.Contains($"{crashed}: no summary, its test run crashed or was aborted: The active test run was aborted. Reason: Test host process crashed", output);
        Assert.EndsWith($"{3 * (Projects.Length - 1)} passed, 1 failed", output.Trim());
    }

    [Fact]
    public void AProjectWithNoTestMatchingTheFilterIsNotAFailure()
    {
        File.WriteAllLines(log, [
            .. Projects.Skip(1).Select(p => Summary(p, passed: 1)),
            $"No test matches the given testcase filter `FullyQualifiedName~X` in /somewhere/bin/Release/net10.0/{Projects[0]}.dll",
        ]);

        Assert.Equal(0, Summarise().Exit);
    }

    public void Dispose() => File.Delete(log);

    private static string Summary(string project, int passed) =>
        $"Passed!  - Failed:     0, Passed:     {passed}, Skipped:     0, Total:     {passed}, Duration: 1 s - {project}.dll (net10.0)";

    private (int Exit, string Output) Summarise()
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Repository.PathOf("scripts", "test-summary.sh"));
        info.ArgumentList.Add(log);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
