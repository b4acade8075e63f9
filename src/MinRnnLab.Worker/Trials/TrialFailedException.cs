namespace MinRnnLab.Worker.Trials;

/// <summary>
/// A trial process died without saying how its attempt ended: a native crash, an out-of-memory kill, a signal, an
/// error it did not plan for. The message names the cause; the attempt fails and the run is retried, counted against
/// max_restarts.
/// </summary>
public sealed class TrialFailedException(string cause) : Exception(cause);
