using System.Diagnostics;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;

namespace MinRnnLab.Web.Services;

/// <summary>
/// One sweep-page read for every tab that needs one at the same time. Each tab of a live sweep reads the sweep's page
/// again after a state change, so N tabs on a 1,000-trial sweep made N grain calls of 1,000 trials each for the same
/// change (docs/scale.md, "The web under load"). A read is shared only with tabs whose need arose before it started:
/// the run grain stores a state before it publishes it, so a read started after a tab saw the change shows the change,
/// and no tab is ever given an answer older than what it has seen.
/// </summary>
public sealed class SweepPageReads(ILabClient lab)
{
    // A finished read stays shareable this long; older ones are dropped as new reads arrive.
    private static readonly TimeSpan Kept = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly Dictionary<(string SweepId, int MaxPlanned), Read> latest = [];

    private sealed record Read(long StartedAt, Task<SweepPage?> Page);

    /// <summary>A timestamp for <see cref="GetAsync"/>: "what I need was stored before now".</summary>
    public static long Now() => Stopwatch.GetTimestamp();

    /// <summary>
    /// The sweep's page, from a read started at or after <paramref name="neededSince"/> (a <see cref="Now"/>): one in
    /// flight or just finished when there is one, else a new one. The page is shared: copy its trials before changing them.
    /// </summary>
    public Task<SweepPage?> GetAsync(string sweepId, int maxPlanned, long neededSince)
    {
        var key = (sweepId, maxPlanned);
        lock (gate)
        {
            if (latest.TryGetValue(key, out var read) && read.StartedAt >= neededSince && !read.Page.IsFaulted && !read.Page.IsCanceled)
                return read.Page;
            DropOld();
            var started = Now();
            read = new Read(started, lab.Sweep(sweepId).GetPage(maxPlanned));
            latest[key] = read;
            return read.Page;
        }
    }

    private void DropOld()
    {
        var oldest = Now() - (long)(Kept.TotalSeconds * Stopwatch.Frequency);
        foreach (var (key, read) in latest.Where(r => r.Value.StartedAt < oldest && r.Value.Page.IsCompleted).ToArray())
            latest.Remove(key);
    }
}
