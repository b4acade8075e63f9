namespace MinRnnLab.Sweeps;

/// <summary>
/// Where a bayes sweep's next parameters come from. The sweep grain calls it on a thread-pool thread, off its turn,
/// with a cancellation budget; tests replace it (a silo service) to hold a proposal open while they call the grain.
/// </summary>
public interface ITrialProposer
{
    /// <summary>Parameters for <paramref name="configurationIndex"/>; throws OperationCanceledException once <paramref name="cancel"/> fires.</summary>
    IReadOnlyDictionary<string, string> Propose(SweepDefinition sweep, IReadOnlyList<CompletedTrial> history, int configurationIndex, CancellationToken cancel);
}

/// <summary>The proposer a silo uses unless told otherwise: TPE (<see cref="TpeSampler"/>).</summary>
public sealed class TpeProposer : ITrialProposer
{
    public static TpeProposer Instance { get; } = new();

    public IReadOnlyDictionary<string, string> Propose(SweepDefinition sweep, IReadOnlyList<CompletedTrial> history, int configurationIndex, CancellationToken cancel) =>
        TpeSampler.Suggest(sweep, history, configurationIndex, cancel);
}
