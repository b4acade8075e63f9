using System.Text.RegularExpressions;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Web.Tests;

/// <summary>
/// The web is a client of the platform: it talks to it through MinRnnLab.Client (and Abstractions, Config), so that
/// a web UI on another machine needs neither libtorch nor a database driver nor the artifacts folder. No file of the
/// web uses the server side: the co-hosted silo is ui/MinRnnLab.Web.Embedded's (WebClosureTests checks the compiled
/// references). Scans the sources of ui/.
/// </summary>
public partial class WebImportBoundaryTests
{
    [Fact]
    public void NoWebFileUsesTrainingModelsStorageGrainsWorkerOrHosting()
    {
        var web = Path.Combine(Repository.Root, "ui", "MinRnnLab.Web");
        var sources = Sources(web).ToList();
        var users = sources
            .Where(file => UsesServerSide(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(web, file).Replace('\\', '/'))
            .ToHashSet();

        Assert.Contains(sources, file => file.EndsWith("LabWebApp.cs", StringComparison.Ordinal));   // the scan reads the real tree
        Assert.True(users.Count == 0,
            $"these web files use MinRnnLab.Training, Models, Storage, Grains, Worker or Hosting; go through MinRnnLab.Client instead: {string.Join(", ", users.Order())}");
    }

    [Theory]
    [InlineData("using MinRnnLab.Training.Checkpoints;", true)]
    [InlineData("@using MinRnnLab.Storage", true)]
    [InlineData("var options = new MinRnnLab.Hosting.LabOptions();", true)]
    [InlineData("using MinRnnLab.Worker.Trials;", true)]
    [InlineData("using MinRnnLab.Web.Hosting;", false)]
    [InlineData("using MinRnnLab.Models;", true)]
    [InlineData("using MinRnnLab.Client;\nusing MinRnnLab.Config;\n@using MinRnnLab.Abstractions", false)]
    [InlineData("using MinRnnLab.TrainingTools;", false)]
    public void TheScanTellsServerSideNamespacesFromClientOnes(string source, bool serverSide) =>
        Assert.Equal(serverSide, UsesServerSide(source));

    private static bool UsesServerSide(string source) => ServerSideNamespace().IsMatch(source);

    [GeneratedRegex(@"\bMinRnnLab\.(Training|Models|Storage|Grains|Worker|Hosting)\b")]
    private static partial Regex ServerSideNamespace();

    private static IEnumerable<string> Sources(string web) =>
        Directory.EnumerateFiles(web, "*", SearchOption.AllDirectories)
            .Where(file => Path.GetExtension(file) is ".cs" or ".razor" or ".cshtml")
            .Where(file => !Path.GetRelativePath(web, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
}
