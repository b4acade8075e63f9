namespace MinRnnLab.Abstractions;

/// <summary>The list of all sweeps (one instance, key 0), newest first.</summary>
public interface ISweepRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Records a new sweep id.</summary>
    Task Register(string sweepId);

    /// <summary>Forgets a deleted sweep's id; an id not listed is ignored.</summary>
    Task Unregister(string sweepId);

    /// <summary>Every sweep id, newest first.</summary>
    Task<string[]> List();
}
