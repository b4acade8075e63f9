using System.Globalization;

namespace MinRnnLab.Sweeps.Tests;

/// <summary>
/// Cheap stand-ins for a training run's best val_loss, over real config keys so the sweeps parse as users'
/// would. Each has a known minimum, so "how close did the search get" is measurable.
/// </summary>
internal static class SyntheticObjectives
{
    /// <summary>Branin over two uniform keys mapped onto its usual box (x1 ∈ [-5, 10], x2 ∈ [0, 15]); minimum 0.397887 at three points.</summary>
    public const string BraninSweep = """
        name: branin
        metric: {name: val_loss, goal: minimize}
        method: bayes
        run_cap: 40
        base:
          preset: tiny
        parameters:
          weight_decay: {distribution: uniform, min: 0, max: 1}
          beta1: {distribution: uniform, min: 0, max: 0.99}
        """;

    public static double Branin(IReadOnlyDictionary<string, string> p)
    {
        var x1 = -5 + 15 * Number(p, "weight_decay");
        var x2 = 15 * Number(p, "beta1") / 0.99;
        var (b, c, t) = (5.1 / (4 * Math.PI * Math.PI), 5 / Math.PI, 1 / (8 * Math.PI));
        var r = x2 - b * x1 * x1 + c * x1 - 6;
        return r * r + 10 * (1 - t) * Math.Cos(x1) + 10;
    }

    /// <summary>
    /// Four kinds at once: a categorical arch, a log_uniform learning rate (best 10^-2.5), a uniform dropout
    /// (best 0.15), an int_uniform depth (best 5), and a transformer-only n_head (best 4). Minimum 0.
    /// </summary>
    public const string MixedSweep = """
        name: mixed
        metric: {name: val_loss, goal: minimize}
        method: bayes
        run_cap: 40
        base:
          preset: tiny
          min_lr: 0
        parameters:
          arch: {values: [transformer, mingru, minlstm, mamba]}
          learning_rate: {distribution: log_uniform, min: 1e-5, max: 1e-1}
          dropout: {distribution: uniform, min: 0, max: 0.5}
          n_layer: {distribution: int_uniform, min: 1, max: 8}
          n_head: {values: [1, 2, 4], when: {arch: transformer}}
        """;

    private static readonly Dictionary<string, double> ArchPenalty = new()
    {
        ["mingru"] = 0, ["minlstm"] = 0.3, ["transformer"] = 0.2, ["mamba"] = 0.6,
    };

    public static double Mixed(IReadOnlyDictionary<string, string> p)
    {
        var lr = Math.Log10(Number(p, "learning_rate")) + 2.5;
        var dropout = Number(p, "dropout") - 0.15;
        var depth = Number(p, "n_layer") - 5;
        var arch = p["arch"];
        var head = arch == "transformer" && p["n_head"] != "4" ? 0.3 : 0;
        return lr * lr + 10 * dropout * dropout + 0.05 * depth * depth + ArchPenalty[arch] + head;
    }

    private static double Number(IReadOnlyDictionary<string, string> p, string key) => double.Parse(p[key], CultureInfo.InvariantCulture);
}
