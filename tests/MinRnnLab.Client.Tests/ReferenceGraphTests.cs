using System.Text.RegularExpressions;
using System.Xml.Linq;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Client.Tests;

/// <summary>
/// The README's table of project references is the architecture as built: every project under src/ and ui/ with
/// exactly the references its .csproj lists. A reference added, dropped or moved without the table (and its reason)
/// changing with it fails here.
/// </summary>
public partial class ReferenceGraphTests
{
    [Fact]
    public void TheReadmesReferenceTableIsWhatTheProjectFilesSay()
    {
        var documented = DocumentedGraph(File.ReadAllText(Path.Combine(Repository.Root, "README.md")));

        Assert.Equal(Format(ProjectGraph()), Format(documented));
    }

    [Fact]
    public void AnUndocumentedReferenceIsCaught()
    {
        var built = ProjectGraph();
        var documented = built.ToDictionary(p => p.Key, p => p.Value.ToHashSet());
        documented["Grains"].Add("Training");                                           // Grains → Training: what the design forbids

        Assert.NotEqual(Format(built), Format(documented));
    }

    /// <summary>Project (without the MinRnnLab. prefix) → the projects it references, from every .csproj under src/ and ui/.</summary>
    private static Dictionary<string, HashSet<string>> ProjectGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var folder in new[] { "src", "ui" })
            foreach (var csproj in Directory.EnumerateFiles(Path.Combine(Repository.Root, folder), "*.csproj", SearchOption.AllDirectories))
            {
                var references = XDocument.Load(csproj).Descendants("ProjectReference")
                    .Select(r => ShortName(Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))));
                graph[ShortName(Path.GetFileNameWithoutExtension(csproj))] = [.. references];
            }
        Assert.Contains("Grains", graph.Keys);                                          // the walk found the projects at all
        return graph;
    }

    /// <summary>The rows of the README's "project | references | why" table.</summary>
    private static Dictionary<string, HashSet<string>> DocumentedGraph(string readme)
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (Match row in TableRow().Matches(readme))
        {
            var references = row.Groups["refs"].Value.Trim();
            graph[row.Groups["project"].Value] = references == "—" ? [] : [.. references.Split(',', StringSplitOptions.TrimEntries)];
        }
        Assert.NotEmpty(graph);
        return graph;
    }

    private static string ShortName(string project) => project.StartsWith("MinRnnLab.", StringComparison.Ordinal) ? project["MinRnnLab.".Length..] : project;

    private static string[] Format(Dictionary<string, HashSet<string>> graph) =>
        [.. graph.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} → {string.Join(", ", p.Value.Order(StringComparer.Ordinal))}")];

    /// <summary>A row whose first cell is a project name alone, as the reference table writes it ("| Grains | Abstractions, Storage, Sweeps | …").</summary>
    [GeneratedRegex(@"^\| (?<project>[A-Z][A-Za-z.]+) \| (?<refs>—|[A-Z][A-Za-z.]+(?:, [A-Z][A-Za-z.]+)*) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
