using MinRnnLab.Abstractions;

namespace MinRnnLab.Client;

/// <summary>Deleting sweeps and runs: stopped first, then their files, metrics and state removed by the sweep's grain.</summary>
public sealed partial class LabClient
{
    /// <summary>
    /// Deletes the sweep (see <see cref="ISweepGrain.Delete"/>) and returns what was removed. Throws
    /// KeyNotFoundException ("no sweep 'X'") for an unknown sweep, as for one already deleted.
    /// </summary>
    public async Task<DeleteResult> DeleteSweepAsync(string sweepId) =>
        await Sweep(sweepId).Delete() ?? throw new KeyNotFoundException(NotFound.Sweep(sweepId));

    /// <summary>
    /// Deletes one run ("sweep-id/trial"), stopping it first if it runs; its sweep goes on. Throws KeyNotFoundException
    /// ("no run 'X'") for an unknown run, as for one already deleted.
    /// </summary>
    public async Task<DeleteResult> DeleteRunAsync(string runId)
    {
        var spec = await Run(runId).GetSpec() ?? throw new KeyNotFoundException(NotFound.Run(runId));
        return await Sweep(spec.SweepId).DeleteRun(runId) ?? throw new KeyNotFoundException(NotFound.Run(runId));
    }
}
