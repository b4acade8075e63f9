namespace MinRnnLab.Web.Services;

/// <summary>The sample sweep files (the repository's sweeps/ folder, copied beside the app) offered as templates.</summary>
public sealed class SweepTemplates(string folder)
{
    public IReadOnlyList<string> Names() => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*.yaml").Select(Path.GetFileName).OfType<string>().Order().ToArray()
        : [];

    /// <summary>The template's text; only names listed by Names() are read, so no path can escape the folder.</summary>
    public string Read(string name) => Names().Contains(name)
        ? File.ReadAllText(Path.Combine(folder, name))
        : throw new ArgumentException($"no template named '{name}'");
}
