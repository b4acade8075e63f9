namespace MinRnnLab.Abstractions;

/// <summary>What deleting a sweep or a run removed.</summary>
/// <param name="Id">The sweep or run deleted.</param>
/// <param name="Runs">Runs whose files, metrics and state were removed.</param>
/// <param name="BytesFreed">Bytes of files removed from the artifacts folder (checkpoints, logs).</param>
/// <param name="MetricPoints">Metric points removed from the metrics store (a database file shrinks only when vacuumed).</param>
[GenerateSerializer, Immutable, Alias("MinRnnLab.DeleteResult")]
public sealed record DeleteResult(
    [property: Id(0)] string Id,
    [property: Id(1)] int Runs,
    [property: Id(2)] long BytesFreed,
    [property: Id(3)] long MetricPoints)
{
    /// <summary>"2 runs, 1.5 MB of files freed, 4,000 metric points removed": what the CLI prints and the pages show.</summary>
    public string Summary => $"{Runs:N0} run{(Runs == 1 ? "" : "s")}, {Size(BytesFreed)} of files freed, {MetricPoints:N0} metric points removed";

    /// <summary>Decimal units, as disks are sold: "980 bytes", "1.5 MB", "12 GB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1_000_000_000 => $"{bytes / 1e9:0.#} GB",
        >= 1_000_000 => $"{bytes / 1e6:0.#} MB",
        >= 1_000 => $"{bytes / 1e3:0.#} kB",
        _ => $"{bytes:N0} bytes",
    };

    /// <summary>Both results together, under <paramref name="id"/>.</summary>
    public DeleteResult Plus(DeleteResult other, string id) => new(id, Runs + other.Runs, BytesFreed + other.BytesFreed, MetricPoints + other.MetricPoints);
}
