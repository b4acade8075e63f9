using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Web.Components.Pages;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>
/// Issue 28 item 6: the sweep page's tables and its curves come from one evaluation stream. Evaluations are fed one by
/// one through the live stream the page watches (the store still holding the numbers it had when the page opened:
/// none), and after each one every table must say what the curve says: best val loss and its step, steps to target,
/// seconds, and seeds counted. Before the fix the curve went below the target while Convergence said "not reached",
/// the step of best read "–", seconds 0.0 and Across seeds n = 0.
/// </summary>
public class LiveConsistencyTests : LabComponentTest
{
    private const string Sweep = "live";
    private const double Target = 3.0;                                                 // FakeLab.Status's target

    // Two seeds of one configuration, both running, nothing evaluated yet as far as the store knows.
    public LiveConsistencyTests()
    {
        Lab.Sweeps.Add(FakeLab.Status(Sweep));
        Lab.Trials[Sweep] = [Stored(0), Stored(1)];
    }

    private static TrialInfo Stored(int index) => new(index, $"{Sweep}/{index}", "mingru", index, new() { ["arch"] = "mingru" },
        RunState.Running, null, null, null, 0);

    // (trial, step, val loss): run 0 crosses the target at step 20 and is best there; run 1 dips below at 10, then rises.
    private static readonly (int Trial, int Step, double Val)[] Evaluations =
    [
        (0, 0, 4.2), (1, 0, 4.3), (0, 10, 3.4), (1, 10, 2.9), (0, 20, 2.8), (0, 30, 2.85), (1, 20, 3.1), (1, 30, 2.7),
    ];

    [Fact]
    public async Task EveryTableAgreesWithTheCurveAfterEachEvaluation()
    {
        var page = Render<SweepDetail>(p => p.Add(x => x.SweepId, Sweep));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=run-link]").Count));

        var fed = new List<(int Trial, int Step, double Val)>();
        foreach (var evaluation in Evaluations)
        {
            fed.Add(evaluation);
            var (trial, step, val) = evaluation;
            var best = fed.Where(e => e.Trial == trial).Min(e => e.Val);
            await Lab.Live.Writer.WriteAsync(new RunProgress($"{Sweep}/{trial}", RunState.Running, step, 100,
                [new(step, MetricNames.ValLoss, val), new(step, MetricNames.TrainLoss, val - 0.1), new(step, MetricNames.WallSeconds, 2.0 * step + 1)],
                best));
            var expected = Expected(fed);
            page.WaitForAssertion(() => AssertTablesShow(page, expected, fed.Count), BeforeCatchUp);
        }
    }

    private sealed record RunNumbers(double Best, int BestStep, int? ToTarget, double Seconds);

    // What the curve says of each run: its lowest val loss and where, its first step at or below the target, its last wall time.
    private static Dictionary<int, RunNumbers> Expected(List<(int Trial, int Step, double Val)> fed) => fed.GroupBy(e => e.Trial).ToDictionary(g => g.Key, g =>
    {
        var best = g.MinBy(e => e.Val);
        var reached = g.Where(e => e.Val <= Target).Select(e => (int?)e.Step).FirstOrDefault();
        return new RunNumbers(best.Val, best.Step, reached, 2.0 * g.Last().Step + 1);
    });

    private static void AssertTablesShow(IRenderedComponent<SweepDetail> page, Dictionary<int, RunNumbers> runs, int fedCount)
    {
        var context = $"after {fedCount} evaluation(s)";
        var bestRun = runs.Values.MinBy(r => r.Best)!;
        var toTarget = runs.Values.Select(r => r.ToTarget).Where(s => s is not null).Min();

        // Convergence: the architecture's best run, its step, the fewest steps to the target.
        var convergence = Cells(page.Find("[data-testid=convergence] tbody tr"));
        Assert.Contains("Best val_loss", page.Find("[data-testid=convergence] thead").TextContent);   // the sweep's metric by name
        Assert.True(F4(bestRun.Best) == convergence[2], $"{context}: Convergence best {convergence[2]}, curve {F4(bestRun.Best)}");
        Assert.True($"{bestRun.BestStep}" == convergence[3], $"{context}: Convergence step of best {convergence[3]}, curve {bestRun.BestStep}");
        Assert.True((toTarget?.ToString() ?? "not reached") == convergence[4], $"{context}: Convergence steps to target {convergence[4]}, curve {toTarget}");

        // Against the paper: the same best and step.
        var paper = page.FindAll("[data-testid=paper-comparison] tbody tr").Select(Cells).Single(c => c[0].Contains("mingru"));
        Assert.True(bestRun.Best.ToString("0.000") == paper[3] && $"{bestRun.BestStep}" == paper[4],
            $"{context}: paper table {paper[3]} at {paper[4]}, curve {bestRun.Best:0.000} at {bestRun.BestStep}");

        // Across seeds: every seed with an evaluation counted, mean of their bests.
        var seeds = Cells(page.Find("[data-testid=seed-row]"));
        Assert.True(seeds[1].StartsWith($"{runs.Count}", StringComparison.Ordinal), $"{context}: Across seeds n {seeds[1]}, curves {runs.Count}");
        var mean = runs.Values.Average(r => r.Best).ToString("F4", CultureInfo.InvariantCulture);
        Assert.True(seeds[2].StartsWith(mean, StringComparison.Ordinal), $"{context}: Across seeds best {seeds[2]}, curves' mean {mean}");

        // Results: each run's row.
        foreach (var (trial, numbers) in runs)
        {
            var row = page.FindAll("[data-testid=results-grid] tr").Single(r => r.QuerySelector("[data-testid=run-link]")?.TextContent == $"#{trial}");
            var cells = Cells(row);
            var shown = (Best: cells[^4], Step: cells[^3], ToTarget: cells[^2], Seconds: cells[^1]);
            var curve = (Best: F4(numbers.Best), Step: $"{numbers.BestStep}", ToTarget: numbers.ToTarget?.ToString() ?? "",
                Seconds: numbers.Seconds.ToString("0.0", CultureInfo.CurrentCulture));
            Assert.True(shown == curve, $"{context}: results row #{trial} shows {shown}, the curve says {curve}");
        }
    }

    private static string F4(double value) => value.ToString("0.0000", CultureInfo.CurrentCulture);

    private static string[] Cells(IElement row) => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
}
