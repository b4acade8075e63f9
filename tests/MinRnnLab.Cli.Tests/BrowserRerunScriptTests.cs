using static MinRnnLab.Cli.Tests.TestScript;

namespace MinRnnLab.Cli.Tests;

/// <summary>
/// scripts/test-rerun-browser.sh's decision (run dry: it prints the filter instead of running it): browser tests that
/// were a run's only failures run once more, each method once; anything else stays red without a rerun.
/// </summary>
public sealed class BrowserRerunScriptTests : IDisposable
{
    private const string Web = "MinRnnLab.Web.Tests";
    private readonly string log = Path.GetTempFileName();

    [Fact]
    public void BrowserTestsThatWereTheOnlyFailuresRunAgainEachMethodOnce()
    {
        Write(failed: [
            $"{Web}.EndToEnd.DeleteInBrowserTests.ASweepIsDeleted [33 s]",
            $"{Web}.EndToEnd.NotFoundPagesTests.EveryPage(path: \"a\") [1 s]",
            $"{Web}.EndToEnd.NotFoundPagesTests.EveryPage(path: \"b\") [1 s]",
        ]);

        var (exit, output) = Dry();

        Assert.Equal(0, exit);
        Assert.Contains($"filter: FullyQualifiedName~{Web}.EndToEnd.DeleteInBrowserTests.ASweepIsDeleted|FullyQualifiedName~{Web}.EndToEnd.NotFoundPagesTests.EveryPage",
            output);
    }

    [Fact]
    public void AnyOtherFailureBesideThemIsNotRunAgain()
    {
        Write(failed: [$"{Web}.EndToEnd.DeleteInBrowserTests.ASweepIsDeleted [33 s]", $"{Web}.Components.ChartTests.Draws [1 s]"]);

        var (exit, output) = Dry();

        Assert.Equal(1, exit);
        Assert.Contains($"no rerun: a test other than the browser tests failed: {Web}.Components.ChartTests.Draws", output);
    }

    [Fact]
    public void ACrashedTestHostIsNotRunAgain()
    {
        Write(failed: [$"{Web}.EndToEnd.DeleteInBrowserTests.ASweepIsDeleted [33 s]"], crashed: true);

        var (exit, output) = Dry();

        Assert.Equal(1, exit);
        Assert.Contains("no rerun: a test host crashed or was aborted", output);
    }

    [Fact]
    public void MoreThanThreeBrowserTestsFailingAtOnceAreNotRunAgain()
    {
        Write(failed: Enumerable.Range(1, 4).Select(i => $"{Web}.EndToEnd.PageTests.Test{i} [1 s]").ToArray());

        var (exit, output) = Dry();

        Assert.Equal(1, exit);
        Assert.Contains("no rerun: more than 3 browser tests failed", output);
    }

    public void Dispose() => File.Delete(log);

    // Each project's summary line, the web project's counting the failures, each failure named as `dotnet test` names it.
    private void Write(string[] failed, bool crashed = false)
    {
        var projects = crashed ? Projects.Where(p => p != "MinRnnLab.Config.Tests") : Projects;
        File.WriteAllLines(log, [
            .. failed.Select(name => $"  Failed {name}"),
            .. projects.Select(p => p == Web ? Summary(p, passed: 5, failed: failed.Length) : Summary(p, passed: 3)),
            .. crashed ? ["The active test run was aborted. Reason: Test host process crashed"] : Array.Empty<string>(),
        ]);
    }

    private (int Exit, string Output) Dry() => Run("test-rerun-browser.sh", log, ("MINRNN_RERUN_DRY", "1"));
}
