namespace MinRnnLab.Worker;

/// <summary>What a silo's device slots do with a run (Lab:Executor).</summary>
public enum ExecutorKind
{
    /// <summary>Trains for real, each trial in a process of its own that the slot supervises.</summary>
    Process,

    /// <summary>Trains for real in the silo's own process: tests, and a machine without minrnn.dll.</summary>
    Torch,

    /// <summary>Finishes each run at once: measures the platform's own overhead (orchestration benchmarks).</summary>
    Noop,

    /// <summary>Like Noop, but each step sleeps Lab:PacedStepTime: trials that hold a slot for a set time (cluster benchmarks).</summary>
    Paced,
}
