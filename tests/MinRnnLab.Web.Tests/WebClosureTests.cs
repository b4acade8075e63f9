using System.Reflection;
using MinRnnLab.Tests.Shared;
using MinRnnLab.Web.Hosting;

namespace MinRnnLab.Web.Tests;

/// <summary>
/// The web UI compiles against the client only: a client-mode web (its own image, or a UI on another machine)
/// carries no libtorch, SQLite or Npgsql, and no part of the platform's server side. The one-process app,
/// ui/MinRnnLab.Web.Embedded, adds the silo. Read from what NuGet restored for ui/MinRnnLab.Web and from the
/// references compiled into MinRnnLab.Web.dll, so a new reference anywhere below the web that brings one in fails here.
/// </summary>
public class WebClosureTests
{
    /// <summary>The platform's assemblies the web may compile against: the client package's.</summary>
    private static readonly string[] Allowed = ["MinRnnLab.Client", "MinRnnLab.Abstractions", "MinRnnLab.Config", "MinRnnLab.Sweeps"];

    private static readonly string[] ServerSide =
        ["MinRnnLab.Grains", "MinRnnLab.Worker", "MinRnnLab.Hosting", "MinRnnLab.Training", "MinRnnLab.Models", "MinRnnLab.Storage", "minrnn"];

    [Fact]
    public void TheWebRestoresNoTorchSharpDatabaseDriverOrServerProject()
    {
        var closure = PackageClosure.OfProject("ui", "MinRnnLab.Web");

        Assert.Contains("MudBlazor", closure.Names);                                   // the reader saw the closure at all
        Assert.Contains("MinRnnLab.Client", closure.Names);
        Assert.Empty(closure.Matching(PackageClosure.ServerOnly));
        Assert.DoesNotContain(closure.Names, name => ServerSide.Contains(name, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheWebAssemblyReferencesOnlyTheClientsAssemblies()
    {
        var platform = PlatformReferences(typeof(LabWebApp).Assembly);

        Assert.Contains("MinRnnLab.Client", platform);
        Assert.Empty(platform.Except(Allowed));
    }

    [Fact]
    public void TheCheckCatchesAServerSideReference()
    {
        // The one-process app references the silo's side: the same check run on it must name it.
        var platform = PlatformReferences(typeof(MinRnnLab.Web.Embedded.EmbeddedWebApp).Assembly);

        Assert.Contains("MinRnnLab.Hosting", platform.Except(Allowed));
    }

    private static string[] PlatformReferences(Assembly assembly) => assembly.GetReferencedAssemblies()
        .Select(reference => reference.Name!)
        .Where(name => name.StartsWith("MinRnnLab.", StringComparison.Ordinal) || name == "minrnn")
        .ToArray();
}
