namespace MinRnnLab.Sweeps;

/// <summary>Whether smaller or larger values of the metric are better.</summary>
public enum MetricGoal
{
    Minimize,
    Maximize,
}

/// <summary>
/// The metric trials are compared on (a MinRnnLab.Config.MetricNames name). Target, when set, is the value
/// whose first crossing gives a trial's "steps to target" (the paper's convergence comparison).
/// </summary>
public sealed record MetricSpec(string Name, MetricGoal Goal, double? Target);
