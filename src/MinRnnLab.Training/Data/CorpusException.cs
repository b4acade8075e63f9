namespace MinRnnLab.Training.Data;

/// <summary>The corpus could not be found, fetched or verified; the message says which and where.</summary>
public sealed class CorpusException(string message) : Exception(message);
