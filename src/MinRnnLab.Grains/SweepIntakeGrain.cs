using MinRnnLab.Abstractions;
using MinRnnLab.Sweeps;
using Orleans.Concurrency;

namespace MinRnnLab.Grains;

/// <summary>
/// Parses each submitted file once, on a silo: its memory, not the client's, judges what a trial may use. Stateless,
/// so a large grid's check runs on whichever silo takes the call and never queues other submissions behind it.
/// </summary>
[StatelessWorker]
public sealed class SweepIntakeGrain : Grain, ISweepIntakeGrain
{
    public async Task<SubmitResult> Submit(string yaml, string fileName)
    {
        var parsed = SweepParser.Parse(yaml, fileName);
        if (parsed.Definition is not { } definition || !parsed.IsValid)
            return SubmitResult.Invalid(parsed.Errors);
        return await GrainFactory.GetGrain<ISweepCreation>(NewId(definition.Name)).Create(yaml, fileName, definition);
    }

    /// <summary>The sweep's name, the time to the second and four random hex digits: readable, sortable, unique.</summary>
    private static string NewId(string name) => $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..4]}";
}
