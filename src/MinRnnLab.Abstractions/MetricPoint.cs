namespace MinRnnLab.Abstractions;

/// <summary>One measured value at one step; Name comes from MinRnnLab.Config.MetricNames.</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.MetricPoint")]
public sealed record MetricPoint(
    [property: Id(0)] int Step,
    [property: Id(1)] string Name,
    [property: Id(2)] double Value);

/// <summary>A run's progress as subscribers see it: sent at every evaluation and state change.</summary>
[GenerateSerializer, Immutable, Alias("MinRnnLab.RunProgress")]
public sealed record RunProgress(
    [property: Id(0)] string RunId,
    [property: Id(1)] RunState State,
    [property: Id(2)] int Step,
    [property: Id(3)] int MaxIters,
    [property: Id(4)] MetricPoint[] Points,
    [property: Id(5)] double? BestMetric);

/// <summary>What a worker should do after reporting progress.</summary>
[GenerateSerializer, Alias("MinRnnLab.RunCommand")]
public enum RunCommand
{
    Continue,
    /// <summary>Stop now: the run was cancelled or pruned, or its lease passed to another worker.</summary>
    Stop,
    /// <summary>
    /// Nothing of the batch was stored: the metrics store refused it for a storage fault (a full disk). Keep it,
    /// pause training, and send it again until it is stored; the run's status says it waits.
    /// </summary>
    Wait,
}
