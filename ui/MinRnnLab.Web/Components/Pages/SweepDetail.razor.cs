using Microsoft.AspNetCore.Components;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Web.Components.Shared;
using MinRnnLab.Web.Services;
using MinRnnLab.Web.Services.Curves;

namespace MinRnnLab.Web.Components.Pages;

/// <summary>A sweep's page: what it loads, the reader's tools and actions (the live updates: SweepDetail.Live.cs).</summary>
public sealed partial class SweepDetail : IAsyncDisposable
{
    [Parameter] public string SweepId { get; set; } = "";

    private SweepStatus? status;
    private bool notFound;
    private TrialInfo[] trials = [];
    private SweepPlan? plan;
    private IReadOnlyList<ConvergenceRow> convergence = [];
    private string definition = "";
    private IReadOnlySet<string> logKeys = LogKeys.ByName;                            // drawn on log axes in the coordinates
    private readonly Dictionary<string, RunCurves> curves = [];
    private LossChart? chart;
    private SeedBandChart? bandChart;
    private ParameterCoordinates? coordinates;
    private MetricPanels? panels;
    private bool repeatedSeeds;
    private bool? bandsChosen;                                                          // null until the reader picks a mode
    private IReadOnlyList<string> differingKeys = [];                                  // what the configurations differ in
    private IReadOnlyList<string>? groupBy;                                             // null: by every differing key
    private IReadOnlyList<string> GroupKeys => groupBy ?? differingKeys;
    private readonly CancellationTokenSource stop = new();
    private LiveRefresh? refresh;
    private CurveView view = new();
    private string? selected;                                                           // highlighted in the chart and the grid
    private CurveExtras extras = null!;

    protected override async Task OnInitializedAsync()
    {
        extras = new CurveExtras(Lab);
        view = CurveViewQuery.Read(Navigation.Uri);                                    // a shared link opens on its view
        bandsChosen = CurveViewQuery.ReadBands(Navigation.Uri);
        groupBy = CurveViewQuery.ReadGroupBy(Navigation.Uri);
        refresh = new LiveRefresh(() => InvokeAsync(RedrawAsync), Logger);
        // Subscribe first, then load: a point seen twice counts once (curves are keyed by step).
        _ = WatchAsync();
        _ = ShowAllWithoutTheCurvesAfterPatienceAsync();
        if (!await FirstLoadAsync())
            return;                                                                     // the tab closed while the platform was slow
        if (notFound)
        {
            await stop.CancelAsync();                                                   // nothing to watch
            return;
        }
        logKeys = LogKeys.Of(definition);
        PaceLargeViews();
        _ = StoreCatchUp.RunAsync(() => status?.State is SweepState.Running or SweepState.Paused, () => InvokeAsync(CatchUpAsync), Logger, stop.Token);
    }

    // Trials not started yet are listed up to this many (as queued rows); beyond it the header gives their count.
    private const int MaxPlannedRows = 500;

    /// <summary>What the sweep ranks its trials by (val_loss until its status is loaded).</summary>
    private SweepMetric Metric => status?.Objective ?? SweepMetric.ValLoss;

    // The sweep's own data in one grain call (issue 32), shared with the other tabs that need it (SweepPageReads), then
    // the curves of runs not loaded yet in one more. The page holds what was stored at neededSince or later.
    private async Task LoadAsync(long neededSince)
    {
        if (await Pages.GetAsync(SweepId, MaxPlannedRows, neededSince) is not { } page)
        {
            notFound = true;
            return;
        }
        // A copy: the read is shared, and Apply changes rows in place.
        (status, trials, plan, definition) = (page.Status, page.Trials.ToArray(), page.Plan, page.Definition);
        repeatedSeeds = SeedBands.Groups(trials).Any(g => g.RunIds.Count >= 2);
        differingKeys = ConfigurationPalette.DifferingKeys(trials);
        extras.SetTrials(trials, groupBy);                                             // seeds, legend names, colours by group
        await LoadCurvesAsync(trials.Where(t => !curves.ContainsKey(t.RunId)).ToArray());
        trials = LiveTrialNumbers.With(trials, curves, Metric, status?.TargetLoss);     // the store's rows may lag the curves
        convergence = ConvergenceRow.From(trials, Metric);
        await extras.LoadForViewAsync(view, curves);                                   // new runs under a wall-time or tokens axis
    }

    // One call for all the runs, thinned on the server: a sweep of hundreds of long runs still opens at once.
    private async Task LoadCurvesAsync(IReadOnlyCollection<TrialInfo> runs)
    {
        if (runs.Count == 0)
            return;
        foreach (var trial in runs.Where(t => !curves.ContainsKey(t.RunId)))
            curves[trial.RunId] = new RunCurves(trial.RunId, trial.Arch);
        foreach (var curve in await Lab.GetLossCurvesAsync(runs.Select(t => t.RunId).ToArray(), LossChart.MaxPointsPerTrace))
            curves[curve.RunId].Add(curve);
    }

    // Bands say more than a tangle of seeds, so they are the default wherever a configuration has several seeds.
    private bool ShowBands => bandsChosen ?? repeatedSeeds;

    // The parallel-coordinates chart (WebGL) and the tables below the fold (the results grid above all) are held back
    // until the curves are drawn: the curves are what a reader opens the page for, and rendering everything at once
    // put a 190 ms main-thread task between the data and the chart's draw (trace-sweep-page-in-app.md). A chart that
    // never draws must not hide them: they come after FirstDrawPatience at the latest.
    private bool curvesDrawn;
    private static readonly TimeSpan FirstDrawPatience = TimeSpan.FromSeconds(3);
    private bool coordinatesShown;                                                      // its export buttons come with it

    private void OnCoordinatesShown() => coordinatesShown = true;

    private async Task ShowAllWithoutTheCurvesAfterPatienceAsync()
    {
        try
        {
            await Task.Delay(FirstDrawPatience, stop.Token);
        }
        catch (OperationCanceledException)
        {
            return;                                                                     // the reader left
        }
        if (!curvesDrawn)
            await InvokeAsync(() =>
            {
                curvesDrawn = true;
                StateHasChanged();
            });
    }

    private async Task OnCurvesDrawn()
    {
        curvesDrawn = true;
        // Tooltips name parameter counts: read once the curves are on screen, never before them.
        if (await extras.LoadParametersAsync(curves) && chart is not null)
            await chart.RefreshAsync();
    }

    // What a new x axis needs (wall times, configs) is read first: the chart redraws once, complete.
    private async Task SetViewAsync(CurveView next)
    {
        await extras.LoadForViewAsync(next, curves);
        view = next;
        PaceLargeViews();
        RememberView();
    }

    private void SetShowBands(bool bands)
    {
        bandsChosen = bands;
        RememberView();
    }

    private void SetGroupBy(IReadOnlyList<string> keys)
    {
        groupBy = keys.SequenceEqual(differingKeys) ? null : keys;
        extras.SetTrials(trials, groupBy);
        PaceLargeViews();                                                               // the reader's change shows at once
        RememberView();
    }

    // The address keeps the tools' state (replacing history: a slider's every step is no page to go back to).
    private void RememberView() => Navigation.NavigateTo(CurveViewQuery.With(Navigation, view, bandsChosen, groupBy), replace: true);

    private async Task<Labels?> EditLabelsAsync(LabelEdit edit)
    {
        var labels = await Lab.Sweep(SweepId).EditLabels(edit);
        if (labels is not null && status is not null)
        {
            status = status with { Labels = labels };
            StateHasChanged();                                                          // the header's name follows at once (see RunDetail)
        }
        return labels;
    }

    private Task Pause() => ActAsync(() => Lab.Sweep(SweepId).Pause());
    private Task Resume() => ActAsync(() => Lab.Sweep(SweepId).Resume());
    private Task Cancel() => ActAsync(() => Lab.Sweep(SweepId).Cancel());

    private async Task ActAsync(Func<Task<SweepStatus?>> action)
    {
        if (await action() is null)
        {
            notFound = true;
            return;
        }
        await LoadAsync(SweepPageReads.Now());
        refresh?.Request();                                                             // cancelled runs change the charts too
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        refresh?.Dispose();
        stop.Dispose();
    }
}
