namespace MinRnnLab.Cli.Tests;

/// <summary>
/// scripts/test-summary.sh, which ends the README's test command: a test host that crashed prints no summary line,
/// and once counted nowhere ("747 passed, 0 failed" beside exit 1). Now it is a named failure.
/// </summary>
public sealed class TestSummaryScriptTests : IDisposable
{
    private readonly string log = Path.GetTempFileName();
    private static readonly string[] Projects = TestScript.Projects;

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

    private static string Summary(string project, int passed) => TestScript.Summary(project, passed);

    private (int Exit, string Output) Summarise() => TestScript.Run("test-summary.sh", log);
}
