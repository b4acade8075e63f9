using MinRnnLab.Abstractions;

namespace MinRnnLab.Web.Services;

/// <summary>The cluster at a glance: silos, device slots and what each trains, queue depth, recent sweeps, live updates dropped.</summary>
public sealed record OverviewSnapshot(
    IReadOnlyList<SiloRow> Silos,
    IReadOnlyList<DeviceRow> Devices,
    int QueueDepth,
    IReadOnlyList<SweepStatus> RecentSweeps,
    long LiveEventsDropped);

public sealed record SiloRow(string Name, string Host, string Address, string Status, DateTimeOffset Started);

/// <summary>One device slot. Worker is the queue's lease holder name; RunId is null when the slot is idle.</summary>
public sealed record DeviceRow(string Host, string Device, string Worker, string? RunId, DateTimeOffset? LeaseExpires);
