using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// The platform's real grain storage (SQLite) whose disk can be "full": while it is, every state write throws what
/// SQLite reports for a full disk and stores nothing, until <see cref="Free"/>. Reads always reach the database.
/// </summary>
public sealed class FullStateStorage(IGrainStorage storage) : IGrainStorage
{
    private const int SqliteFull = 13;
    private readonly ConcurrentDictionary<string, int> refused = new();
    private volatile bool full;
    private volatile string[]? onlyStates;

    /// <summary>Refuses every write, or only writes of the named kinds of state ("run", "queue", "sweep").</summary>
    public void Fill(params string[] stateNames) => (onlyStates, full) = (stateNames.Length == 0 ? null : stateNames, true);

    public void Free() => full = false;

    /// <summary>What a refused write throws: SQLite's full disk unless a test names another fault.</summary>
    public Func<Exception> Refusal { get; set; } = () => new SqliteException("SQLite Error 13: 'database or disk is full'.", SqliteFull);

    /// <summary>Writes of one kind of state ("run", "queue", "sweep") refused while full.</summary>
    public int Refused(string stateName) => refused.GetValueOrDefault(stateName);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        storage.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!full || onlyStates is { } only && !only.Contains(stateName))
            return storage.WriteStateAsync(stateName, grainId, grainState);
        refused.AddOrUpdate(stateName, 1, (_, count) => count + 1);
        throw Refusal();
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        storage.ClearStateAsync(stateName, grainId, grainState);
}
