using MinRnnLab.Config;

namespace MinRnnLab.Web.Services;

/// <summary>
/// How each model of `bench scan` is named and drawn. A baseline takes its architecture's colour (the GRU loop and
/// fused GRU share the GRU's), the fused cell dashed, so a model and the baseline it is measured against read as a pair.
/// </summary>
public static class BenchmarkModels
{
    private static readonly Dictionary<string, (string Label, string Arch, string Dash)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mingru"] = ("minGRU", "mingru", "solid"),
        ["minlstm"] = ("minLSTM", "minlstm", "solid"),
        ["mamba"] = ("Mamba", "mamba", "solid"),
        ["gru-loop"] = ("GRU loop", "gru", "solid"),
        ["lstm-loop"] = ("LSTM loop", "lstm", "solid"),
        ["fused-gru"] = ("fused GRU", "gru", "dash"),
        ["fused-lstm"] = ("fused LSTM", "lstm", "dash"),
    };

    public static string Label(string model) => Known.TryGetValue(model, out var m) ? m.Label : model;

    public static string Color(string model) => ArchColors.For(Known.TryGetValue(model, out var m) ? m.Arch : model);

    public static string Dash(string model) => Known.TryGetValue(model, out var m) ? m.Dash : "dot";
}
