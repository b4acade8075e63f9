using MinRnnLab.Sweeps;

namespace MinRnnLab.Grains;

/// <summary>
/// The sweep grain's side of the intake (<see cref="SweepIntakeGrain"/>): a file the platform has parsed and checked
/// becomes the sweep, typed, without being parsed again. Grains call it; clients have no reference to it and submit
/// text through <see cref="Abstractions.ISweepIntakeGrain"/>.
/// </summary>
public interface ISweepCreation : IGrainWithStringKey
{
    /// <summary>Stores the sweep and starts queuing its trials; refused when a sweep with this id exists.</summary>
    Task<Abstractions.SubmitResult> Create(string yaml, string fileName, SweepDefinition definition);
}
