using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Client.Tests;

/// <summary>
/// A .NET program that only talks to the platform references MinRnnLab.Client; it must not pull in libtorch or a
/// database driver. Sweep files are validated without TorchSharp too. Read from what NuGet restored, so a new
/// project or package reference anywhere below Client or Sweeps that brings one in fails here.
/// </summary>
public class ClientClosureTests
{
    [Fact]
    public void TheClientCarriesNoTorchSharpLibtorchSqliteOrNpgsql()
    {
        var closure = PackageClosure.OfSourceProject("MinRnnLab.Client");

        Assert.Contains("Microsoft.Orleans.Client", closure.Names);      // the reader saw the closure at all
        Assert.Empty(closure.Matching(PackageClosure.ServerOnly));
        Assert.Empty(closure.Matching(["MinRnnLab.Training", "MinRnnLab.Models", "MinRnnLab.Storage", "MinRnnLab.Grains", "MinRnnLab.Worker", "MinRnnLab.Hosting"]));
    }

    [Fact]
    public void SweepsValidateWithoutTorchSharp()
    {
        var closure = PackageClosure.OfSourceProject("MinRnnLab.Sweeps");

        Assert.Contains("MinRnnLab.Config", closure.Names);
        Assert.Empty(closure.Matching(["TorchSharp", "libtorch", "MinRnnLab.Training", "MinRnnLab.Models"]));
    }

    [Fact]
    public void AClosureWithTorchSharpOrADatabaseDriverIsCaught()
    {
        // What Client's closure looked like while LabClient lived in Grains (trimmed to the offenders).
        const string assets = """
            {"libraries": {
              "Microsoft.Orleans.Client/10.4.2": {"type": "package"},
              "TorchSharp/0.105.1": {"type": "package"},
              "libtorch-cpu-linux-x64/2.7.1": {"type": "package"},
              "Microsoft.Data.Sqlite.Core/10.0.0": {"type": "package"},
              "SQLitePCLRaw.core/2.1.11": {"type": "package"},
              "Npgsql/10.0.0": {"type": "package"},
              "MinRnnLab.Grains/1.0.0": {"type": "project"}
            }}
            """;

        var closure = PackageClosure.Read("MinRnnLab.Client", assets);

        Assert.Equal(["libtorch-cpu-linux-x64", "Microsoft.Data.Sqlite.Core", "Npgsql", "SQLitePCLRaw.core", "TorchSharp"],
            closure.Matching(PackageClosure.ServerOnly));
    }
}
