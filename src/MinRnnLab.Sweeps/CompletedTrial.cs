namespace MinRnnLab.Sweeps;

/// <summary>
/// A finished trial as TpeSampler learns from it: its parameters (TrialSpec.Parameters) and its objective,
/// the best value of the sweep's metric it reached (for a pruned trial: before it was stopped). Plain data,
/// so the sweep grain can store it. Failed trials have no objective: leave them out, or pass NaN.
/// </summary>
/// <param name="Index">The trial's index: orders the history, so a suggestion does not depend on the order trials finished in.</param>
/// <param name="Parameters">The trial's parameters, as TrialSpec.Parameters holds them.</param>
/// <param name="Objective">The metric's best value, in its own direction (MetricSpec.Goal says which way is better).</param>
public sealed record CompletedTrial(int Index, IReadOnlyDictionary<string, string> Parameters, double Objective);
