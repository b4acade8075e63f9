namespace MinRnnLab.Storage;

/// <summary>
/// A run's curve of one metric thinned to at most <see cref="MaxPoints"/> points, stored beside the raw points
/// so a sweep page reads a few hundred points per run instead of every step. It describes the curve as it was
/// when the run's last stored step was <see cref="LastStep"/>: a run that has moved on needs a new summary.
/// </summary>
public sealed record CurveSummary(string RunId, string Name, int MaxPoints, int LastStep, int StoredPoints, int[] Steps, double[] Values);
