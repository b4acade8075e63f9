namespace MinRnnLab.Abstractions;

/// <summary>
/// Where sweep files enter the platform. It parses and checks a file once, against the platform's memory; a file that
/// passes becomes a sweep whose id is made from its name and the time. Clients submit text, never their own parse.
/// </summary>
public interface ISweepIntakeGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The new sweep's status, or every error in the file, located (<see cref="SubmitResult.Located"/>), with nothing
    /// stored.
    /// </summary>
    Task<SubmitResult> Submit(string yaml, string fileName);
}
