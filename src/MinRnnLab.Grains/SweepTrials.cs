using System.Text.Json;
using MinRnnLab.Abstractions;
using MinRnnLab.Storage;

namespace MinRnnLab.Grains;

/// <summary>
/// A sweep's trials: in memory for lookups by run id and the count in flight, and stored one row per trial, so a
/// trial's change writes that trial only. Loaded once per activation of the sweep grain.
/// </summary>
internal sealed class SweepTrials(ISweepTrialStore store, string sweepId)
{
    private static readonly JsonSerializerOptions Json = new();
    private readonly List<TrialInfo> trials = [];
    private readonly Dictionary<string, int> positions = [];                            // run id → index into trials
    private readonly SortedSet<int> inFlight = [];                                       // positions of trials not final

    public IReadOnlyList<TrialInfo> All => trials;

    /// <summary>The index the next trial gets: trials start in index order.</summary>
    public int NextIndex { get; private set; }

    public int InFlightCount => inFlight.Count;

    public IReadOnlyList<TrialInfo> InFlight => inFlight.Select(p => trials[p]).ToList();

    /// <summary>Reads the rows; a state stored by an earlier version hands over its list, written as rows first.</summary>
    public async Task LoadAsync(IReadOnlyList<TrialInfo>? legacy)
    {
        if (legacy is { Count: > 0 })
            await store.WriteManyAsync(sweepId, legacy.Select(t => (t.Index, JsonSerializer.Serialize(t, Json))).ToList());
        foreach (var payload in await store.ReadAsync(sweepId))
            Remember(JsonSerializer.Deserialize<TrialInfo>(payload, Json)!);
    }

    public TrialInfo? Find(string runId) => positions.TryGetValue(runId, out var position) ? trials[position] : null;

    /// <summary>Stores a new trial's row, then counts it in flight.</summary>
    public async Task AddAsync(TrialInfo trial)
    {
        await store.WriteAsync(sweepId, trial.Index, JsonSerializer.Serialize(trial, Json));
        Remember(trial);
    }

    /// <summary>Replaces a known trial; stores its row only when <paramref name="persist"/> (a final state, or a finished run's late numbers).</summary>
    public async Task UpdateAsync(TrialInfo trial, bool persist)
    {
        var position = positions[trial.RunId];
        trials[position] = trial;
        if (trial.State.IsFinal())
            inFlight.Remove(position);
        if (persist)
            await store.WriteAsync(sweepId, trial.Index, JsonSerializer.Serialize(trial, Json));
    }

    /// <summary>Forgets a deleted trial (its row is removed by the caller); its index is never given out again.</summary>
    public void Remove(string runId)
    {
        if (!positions.TryGetValue(runId, out var position))
            return;
        trials.RemoveAt(position);
        positions.Clear();
        inFlight.Clear();
        for (var i = 0; i < trials.Count; i++)
        {
            positions[trials[i].RunId] = i;
            if (!trials[i].State.IsFinal())
                inFlight.Add(i);
        }
    }

    /// <summary>Trial <paramref name="index"/> was given out once (and deleted since): the next trial comes after it.</summary>
    public void KeepIndexAbove(int index) => NextIndex = Math.Max(NextIndex, index + 1);

    private void Remember(TrialInfo trial)
    {
        positions[trial.RunId] = trials.Count;
        if (!trial.State.IsFinal())
            inFlight.Add(trials.Count);
        trials.Add(trial);
        NextIndex = Math.Max(NextIndex, trial.Index + 1);
    }
}
