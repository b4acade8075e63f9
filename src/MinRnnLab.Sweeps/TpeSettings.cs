namespace MinRnnLab.Sweeps;

/// <summary>
/// Settings of the Tree-structured Parzen Estimator behind `method: bayes` (the file's `bayes:` section).
/// Defaults follow Bergstra et al. 2011 and Optuna.
/// </summary>
/// <param name="StartupTrials">
/// Configurations drawn exactly as `method: random` would draw them before any result steers the search:
/// a density estimate from fewer points is mostly noise.
/// </param>
/// <param name="Gamma">Fraction of finished trials, the best ones, whose density l(x) is "good"; the rest make g(x).</param>
/// <param name="EiCandidates">
/// Draws from l(x) per parameter; the one with the highest l(x)/g(x) (the expected-improvement maximiser) is
/// kept. More candidates exploit harder.
/// </param>
public sealed record TpeSettings(int StartupTrials = 10, double Gamma = 0.25, int EiCandidates = 24)
{
    public static TpeSettings Default { get; } = new();

    /// <summary>
    /// Most candidates per parameter: a proposal scores them all (1,000,000,000 kept a sweep grain busy for over 8
    /// minutes). It runs off the grain's turn under a budget too (SweepGrain.Proposals). Optuna's default is 24.
    /// </summary>
    public const int MaxEiCandidates = 10_000;

    /// <summary>Most random trials before TPE steers: a sweep has at most 10,000 trials anyway.</summary>
    public const int MaxStartupTrials = 10_000;
}
