using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Grains.Tests;

/// <summary>
/// The grains only orchestrate: they restore no TorchSharp or libtorch and no project that trains or hosts, so these
/// tests (and a silo without a worker) run without libtorch. Read from what NuGet restored and what the build copied here.
/// </summary>
public class GrainsClosureTests
{
    [Fact]
    public void TheGrainsRestoreNoTorchSharpTrainingClientOrHosting()
    {
        var closure = PackageClosure.OfSourceProject("MinRnnLab.Grains");

        Assert.Contains("Microsoft.Orleans.Server", closure.Names);                    // the reader saw the closure at all
        Assert.Empty(closure.Matching(["TorchSharp", "libtorch"]));
        Assert.DoesNotContain(closure.Names, name => name is "MinRnnLab.Training" or "MinRnnLab.Models" or "MinRnnLab.Client"
            or "MinRnnLab.Worker" or "MinRnnLab.Hosting");
    }

    [Fact]
    public void TheseTestsRunWithoutLibtorch()
    {
        var here = AppContext.BaseDirectory;

        Assert.True(File.Exists(Path.Combine(here, "MinRnnLab.Grains.dll")));          // looking at the right folder
        Assert.DoesNotContain(Directory.EnumerateFiles(here, "*", SearchOption.AllDirectories).Select(Path.GetFileName),
            name => name!.StartsWith("TorchSharp", StringComparison.Ordinal) || name.StartsWith("libtorch", StringComparison.Ordinal));
    }
}
