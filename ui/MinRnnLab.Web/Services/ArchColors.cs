namespace MinRnnLab.Web.Services;

/// <summary>One colour per architecture, the same on every chart and table, so a reader learns them once.</summary>
public static class ArchColors
{
    private static readonly Dictionary<string, string> Colors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["transformer"] = "#1f77b4",
        ["mingru"] = "#d62728",
        ["minlstm"] = "#2ca02c",
        ["mamba"] = "#9467bd",
        ["gru"] = "#ff7f0e",
        ["lstm"] = "#8c564b",
    };

    public static string For(string arch) => Colors.TryGetValue(arch, out var color) ? color : "#7f7f7f";
}
