namespace MinRnnLab.Hosting;

/// <summary>Where a silo keeps grain state, reminders and metrics (Lab:Storage); written lower-case in settings.</summary>
public enum StorageKind
{
    /// <summary>Embedded: one silo on localhost, SQLite files under the data folder, which it locks.</summary>
    Sqlite,

    /// <summary>A cluster: any number of silos joined through one PostgreSQL database (Lab:ConnectionString).</summary>
    Postgres,
}
