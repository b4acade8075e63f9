namespace MinRnnLab.Grains.Hosting;

/// <summary>Where a silo keeps grain state, reminders and metrics (Lab:Storage); written lower-case in settings.</summary>
public enum StorageKind
{
    /// <summary>Embedded: one silo on localhost, SQLite files under the data folder, which it locks.</summary>
    Sqlite,

    /// <summary>A cluster: any number of silos joined through one PostgreSQL database (Lab:ConnectionString).</summary>
    Postgres,
}

/// <summary>What a silo's device slots do with a run (Lab:Executor).</summary>
public enum ExecutorKind
{
    /// <summary>Trains for real, each trial in a process of its own that the slot supervises.</summary>
    Process,

    /// <summary>Trains for real in the silo's own process: tests, and a machine without minrnn.dll.</summary>
    Torch,

    /// <summary>Finishes each run at once: measures the platform's own overhead (orchestration benchmarks).</summary>
    Noop,
}
