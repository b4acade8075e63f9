using MinRnnLab.Abstractions;
using MinRnnLab.Web.Services;
using MinRnnLab.Web.Services.Curves;

namespace MinRnnLab.Web.Components.Pages;

/// <summary>
/// A sweep page's live updates: the shared stream applied to the rows at once, reloads coalesced into redraws, and the
/// large views paced by the sweep's size.
/// </summary>
public sealed partial class SweepDetail
{
    private async Task WatchAsync()
    {
        try
        {
            await foreach (var progress in Watches.WatchAsync(SweepId, stop.Token))       // one subscription for all tabs
                await InvokeAsync(() => Apply(progress));
        }
        catch (OperationCanceledException) { }
        catch (Exception e)
        {
            Logger.LogError(e, "watching sweep {Id} stopped; reload the page for live updates", SweepId);
        }
    }

    // An update applies to what is in memory at once; what needs the grains (a new trial, a state change's counters)
    // waits for the next redraw, which reloads once for every change since the last. Reloading at each change made a
    // 1,000-trial sweep's page reload thousands of times, and 20 such tabs fell minutes behind (docs/scale.md).
    private bool reloadDue;
    private long reloadNeededSince;                                                     // when the latest change was seen
    private readonly HashSet<string> endedSinceReload = [];                             // their final curves to read

    private void Apply(RunProgress progress)
    {
        var index = Array.FindIndex(trials, t => t.RunId == progress.RunId);
        if (index >= 0 && curves.TryGetValue(progress.RunId, out var run))
        {
            run.Add(progress.Points);
            var stateChanged = trials[index].State != progress.State;
            // Every table reads the rows: they take this evaluation's numbers from the curve it just extended (issue 28 item 6).
            trials[index] = LiveTrialNumbers.With(trials[index] with { State = progress.State }, run, Metric, status?.TargetLoss);
            if (stateChanged && progress.State.IsFinal())
                endedSinceReload.Add(progress.RunId);
            if (stateChanged)
                NeedReload();
        }
        else
        {
            NeedReload();                                                               // a trial this page has not seen yet
        }
        refresh?.Request();
    }

    private void NeedReload()
    {
        reloadDue = true;
        reloadNeededSince = SweepPageReads.Now();
    }

    // What the live stream may have dropped: the trials' states and numbers, and the curves of those still running.
    private async Task CatchUpAsync()
    {
        await LoadAsync(SweepPageReads.Now());
        await LoadCurvesAsync(trials.Where(t => !t.State.IsFinal()).ToArray());
        refresh?.Request();
    }

    // A state change moves counters, best steps and steps-to-target: take them from the grains, with the whole curve
    // of every run that ended (the live stream may have merged or dropped some of its points).
    private async Task ReloadIfDueAsync()
    {
        if (!reloadDue)
            return;
        reloadDue = false;
        var ended = trials.Where(t => endedSinceReload.Contains(t.RunId)).ToArray();
        endedSinceReload.Clear();
        try
        {
            await LoadCurvesAsync(ended);
            await LoadAsync(reloadNeededSince);
        }
        catch
        {
            reloadDue = true;                                                           // the next redraw tries again
            endedSinceReload.UnionWith(ended.Select(t => t.RunId));
            throw;
        }
    }

    private async Task RedrawAsync()
    {
        await ReloadIfDueAsync();
        convergence = ConvergenceRow.From(trials, Metric);
        if (largeViewPace.TryStart(trials.Length, out var wait))
            await RedrawLargeViewsAsync();
        else
            RedrawLargeViewsIn(wait);
        StateHasChanged();
    }

    // The charts, the seed statistics and the grid follow the live rows at the pace their size allows (LargeViewPace):
    // they read the paced rows, facts and plan, which change only here and when the reader changes a view.
    private readonly LargeViewPace largeViewPace = new();
    private TrialInfo[] pacedTrials = [];
    private IReadOnlyDictionary<string, RunFacts> pacedFacts = new Dictionary<string, RunFacts>();
    private TrialInfo[] pacedPlanned = [];
    private bool largeViewsWaiting;                                                     // a redraw is set to catch them up

    private void PaceLargeViews() => (pacedTrials, pacedFacts, pacedPlanned) = (trials.ToArray(), extras.Facts, plan?.Upcoming ?? []);

    private async Task RedrawLargeViewsAsync()
    {
        var factsBefore = pacedFacts;
        PaceLargeViews();                                                               // the band chart rebuilds from its new rows
        // Only the chart on screen: the other one's component (and its plot) is gone. New facts reach it as a parameter,
        // which rebuilds it when the page renders; refreshing it here as well would build its traces twice.
        if (!ShowBands && chart is not null && ReferenceEquals(factsBefore, pacedFacts))
            await chart.RefreshAsync();
        if (coordinates is not null)
            await coordinates.RefreshAsync();
        if (panels is not null)
            await panels.RefreshAsync();
    }

    // No update may be the last one drawn only in the small views: a redraw comes when the large views may draw again.
    private void RedrawLargeViewsIn(TimeSpan wait)
    {
        if (largeViewsWaiting)
            return;
        largeViewsWaiting = true;
        _ = Task.Delay(wait, stop.Token).ContinueWith(_ =>
        {
            largeViewsWaiting = false;
            refresh?.Request();
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }
}
