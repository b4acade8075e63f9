namespace MinRnnLab.Storage;

/// <summary>
/// A sweep's trials, one row each, keyed by (sweep, trial index): a trial that changes rewrites its own row, never
/// the sweep's whole list, so what a sweep writes per event stays the same size however many trials it has.
/// Rows are opaque payloads (the sweep grain's JSON), so storage knows nothing of grain types.
/// </summary>
public interface ISweepTrialStore
{
    Task InitializeAsync(CancellationToken cancel = default);

    /// <summary>Inserts or replaces the row of trial <paramref name="trialIndex"/> of <paramref name="sweepId"/>.</summary>
    Task WriteAsync(string sweepId, int trialIndex, string payload, CancellationToken cancel = default);

    /// <summary>Inserts or replaces many rows of one sweep in one transaction (moving an old sweep's list into rows).</summary>
    Task WriteManyAsync(string sweepId, IReadOnlyList<(int TrialIndex, string Payload)> rows, CancellationToken cancel = default);

    /// <summary>Every row of the sweep, in trial-index order; empty for a sweep with no trials.</summary>
    Task<IReadOnlyList<string>> ReadAsync(string sweepId, CancellationToken cancel = default);

    /// <summary>
    /// Removes the rows of <paramref name="trialIndexes"/> of the sweep, or all its rows when null, and nothing of any
    /// other sweep; returns how many were removed (0 for rows already gone: deleting twice is fine).
    /// </summary>
    Task<int> DeleteAsync(string sweepId, IReadOnlyCollection<int>? trialIndexes = null, CancellationToken cancel = default);
}
