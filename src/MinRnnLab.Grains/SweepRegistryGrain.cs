using MinRnnLab.Abstractions;
using Orleans.Concurrency;

namespace MinRnnLab.Grains;

/// <summary>The list of sweeps, newest first.</summary>
public sealed class SweepRegistryGrain(
    [PersistentState("registry", LabStorage.Name)] IPersistentState<List<string>> state) : Grain, ISweepRegistryGrain
{
    public async Task Register(string sweepId)
    {
        if (state.State.Contains(sweepId))
            return;
        state.State.Insert(0, sweepId);
        await state.WriteStateAsync();
    }

    public async Task Unregister(string sweepId)
    {
        if (state.State.Remove(sweepId))
            await state.WriteStateAsync();
    }

    [ReadOnly]
    public Task<string[]> List() => Task.FromResult(state.State.ToArray());
}
