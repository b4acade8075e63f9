namespace MinRnnLab.Sweeps;

/// <summary>Which rule stops unpromising runs.</summary>
public enum EarlyTerminateType
{
    /// <summary>Stop a run whose best so far is worse than the median of the other runs' best at the same evaluation.</summary>
    Median,
    /// <summary>Asynchronous successive halving: at each rung only the top 1/eta of the runs that reached it go on.</summary>
    Asha,
    /// <summary>
    /// Stop a run `evals` evaluations after its best, judging each run by itself: its best is behind it, so it is done
    /// (succeeded), not pruned. An improvement must beat the best by more than min_delta.
    /// </summary>
    Patience,
}

/// <summary>
/// The file's `early_terminate:` section. Every count here is in evaluations, not optimizer steps: evaluation
/// index e is the evaluation at step e · eval_interval (e = 0 is the loss before training), see Pruner.EvalIndex.
/// </summary>
/// <param name="Type">median, asha or patience.</param>
/// <param name="MinEvals">median, asha: no run is judged before this evaluation; for asha also the first rung.</param>
/// <param name="MaxEvals">asha: rungs stop below this evaluation (where runs end anyway); null leaves them unbounded.</param>
/// <param name="Eta">asha: rungs at min_evals · eta^k, and the top 1/eta of each rung go on.</param>
/// <param name="MinRuns">median: other runs that must have reached an evaluation before their median is trusted.</param>
/// <param name="PatienceEvals">patience (`evals`): a run stops at this many evaluations after its best.</param>
/// <param name="MinDelta">patience: how much better than the best an evaluation must be to count as the new best (in the metric's units).</param>
public sealed record EarlyTermination(EarlyTerminateType Type, int MinEvals, int? MaxEvals, int Eta, int MinRuns, int PatienceEvals = 0, double MinDelta = 0)
{
    public const int DefaultMedianMinEvals = 3;
    public const int DefaultAshaMinEvals = 1;
    public const int DefaultEta = 3;
    public const int DefaultMinRuns = 5;

    /// <summary>asha's rungs, ascending: min_evals · eta^k below max_evals (an empty list for median).</summary>
    public IEnumerable<int> Rungs()
    {
        if (Type != EarlyTerminateType.Asha)
            yield break;
        for (long rung = MinEvals; rung < (MaxEvals ?? int.MaxValue); rung *= Eta)
            yield return (int)rung;
    }
}
