using System.Text.Json;

namespace MinRnnLab.Tests.Shared;

/// <summary>
/// Every package and project a project restores, direct or transitive, as NuGet wrote them into its
/// obj/project.assets.json ("libraries": "Name/Version").
/// </summary>
internal sealed record PackageClosure(string Project, IReadOnlyList<string> Names)
{
    /// <summary>Packages a client-only program must not carry: libtorch and TorchSharp, the SQLite and PostgreSQL drivers.</summary>
    public static readonly string[] ServerOnly = ["TorchSharp", "libtorch", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "Npgsql"];

    /// <summary>The closure of src/<paramref name="project"/> in this checkout; fails when it has not been restored.</summary>
    public static PackageClosure OfSourceProject(string project) => OfProject("src", project);

    /// <summary>The closure of <paramref name="folder"/>/<paramref name="project"/> (src, ui) in this checkout; fails when it has not been restored.</summary>
    public static PackageClosure OfProject(string folder, string project)
    {
        var assets = Path.Combine(Repository.Root, folder, project, "obj", "project.assets.json");
        if (!File.Exists(assets))
            throw new FileNotFoundException($"{assets} is missing: restore {project} (building these tests does)", assets);
        return Read(project, File.ReadAllText(assets));
    }

    public static PackageClosure Read(string project, string assetsJson)
    {
        using var document = JsonDocument.Parse(assetsJson);
        var names = document.RootElement.GetProperty("libraries").EnumerateObject()
            .Select(library => library.Name.Split('/')[0])
            .ToArray();
        return new PackageClosure(project, names);
    }

    /// <summary>Names in the closure that start with one of <paramref name="prefixes"/> (NuGet ids are case-insensitive).</summary>
    public string[] Matching(IEnumerable<string> prefixes) =>
        Names.Where(name => prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))).Order(StringComparer.OrdinalIgnoreCase).ToArray();
}
