using System.Globalization;

namespace MinRnnLab.Web.Services.Curves;

/// <summary>
/// What a chart says about a run beyond its curves: its seed, and tokens per step for a tokens axis
/// (null until the run's config has been read: only a tokens axis needs it).
/// </summary>
public sealed record RunFacts(string Seed, long? TokensPerStep = null)
{
    /// <summary>The run's legend entry, naming what sets it apart ("mingru · n_embd 48 · seed 1"); null: its trial number.</summary>
    public string? Legend { get; init; }

    /// <summary>Its configuration's colour (<see cref="ConfigurationPalette"/>); null: its architecture's.</summary>
    public string? Color { get; init; }

    /// <summary>Tokens one optimizer step trains on: every sequence of the batch is block_size tokens long.</summary>
    public static long TokensPerStepOf(int batchSize, int blockSize) => (long)batchSize * blockSize;
}

/// <summary>Where a run's own page is, and how a run is named in short.</summary>
public static class RunLinks
{
    /// <summary>Run ids are "{sweepId}/{trialIndex}"; the page is sweeps/{sweepId}/runs/{trialIndex}.</summary>
    public static string Href(string runId)
    {
        var slash = runId.LastIndexOf('/');
        return slash < 0 ? $"sweeps/{Uri.EscapeDataString(runId)}" : $"sweeps/{Uri.EscapeDataString(runId[..slash])}/runs/{runId[(slash + 1)..]}";
    }

    public static string ShortId(string runId) => runId[(runId.LastIndexOf('/') + 1)..];

    /// <summary>1.23M, 45.6k, 812: a parameter count as people quote it.</summary>
    public static string Count(double count) => count switch
    {
        >= 1e9 => Invariant($"{count / 1e9:0.##}B"),
        >= 1e6 => Invariant($"{count / 1e6:0.##}M"),
        >= 1e3 => Invariant($"{count / 1e3:0.#}k"),
        _ => Invariant($"{count:0}"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
