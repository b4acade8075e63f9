namespace MinRnnLab.Config;

/// <summary>One colour per architecture, the same on every chart and table, so a reader learns them once: the web UI and `minrnn sweep report` both draw with it.</summary>
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

    /// <summary>The architecture's colour as rgba with <paramref name="opacity"/> in [0, 1]: for areas drawn under its lines.</summary>
    public static string For(string arch, double opacity)
    {
        var hex = For(arch);
        var (r, g, b) = (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));
        return FormattableString.Invariant($"rgba({r},{g},{b},{opacity})");
    }
}
