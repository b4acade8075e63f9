using System.CommandLine;
using System.Globalization;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Client;
using MinRnnLab.Training.Benchmarks;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn sweep report ID [ID ...] [--out DIR] [--second_target LOSS]`: the results table and the per-configuration
/// summary, as CSV/Markdown/JSON too, the curves as SVG, and the whole report with seed statistics as report.md (the file
/// the web app's report download serves). Several ids make one report (a sweep and its reruns: a configuration's seeds
/// pooled across them). The second target adds steps to that loss (counted from the curves).
/// </summary>
public static class SweepReportCommand
{
    private static readonly Argument<string[]> SweepIds = new("ID")
    {
        Description = "the sweeps to report on together (a sweep and its reruns)", Arity = ArgumentArity.OneOrMore,
    };
    private static readonly Option<string> Out = Declare.Text("--out", "DIR", "where the files go [default: reports/ID+ID...]");
    private static readonly Option<double> SecondTarget = Declare.Number("--second_target", "a second loss to count steps to", null, helpName: "LOSS");

    public static Command Create() => SweepCommands.OnPlatform(
        new Command("report", "one report over the sweeps: results, per-configuration summary with seed statistics, curves") { SweepIds, Out, SecondTarget },
        async (parse, client, _, cancel) =>
        {
            var sweepIds = parse.GetValue(SweepIds)!.ToList();
            var secondTarget = parse.Given(SecondTarget);
            var report = await SweepReport.BuildAsync(client, sweepIds, secondTarget);
            var second = secondTarget is { } s ? $"steps to {s.ToString(CultureInfo.InvariantCulture)}" : "steps to 2nd target";
            var trials = new Table().AddColumns("run", "arch", "parameters", "state", $"best {report.Status.Metric}", "best step", "steps to target", second, "seconds");
            foreach (var t in report.Trials)
                trials.AddRow(Markup.Escape(t.RunId), t.Arch, Markup.Escape(t.Parameters), t.State, F(t.BestMetric), $"{t.BestStep}", $"{t.StepsToTarget}",
                    $"{t.StepsToSecondTarget}", F(t.TrainingSeconds, "F0"));
            AnsiConsole.Write(trials);
            var archs = new Table().AddColumns("configuration", "runs", $"best {report.Status.Metric} (mean ± std)", "best step", "steps to target", second, "seconds", "tokens/s",
                "÷ transformer", "paper best val_loss", "paper step");
            foreach (var a in report.Architectures)
                archs.AddRow(Markup.Escape(a.Label), $"{a.Runs}", $"{F(a.BestMetricMean)} ± {F(a.BestMetricStd)}", F(a.BestStepMean, "F0"), F(a.StepsToTargetMean, "F0"),
                    F(a.StepsToSecondTargetMean, "F0"), F(a.TrainingSecondsMean, "F0"), F(a.TokensPerSecondMean, "F0"), F(a.LossRatioToTransformer, "F3"),
                    F(a.PaperBestValLoss, "F3"), $"{a.PaperBestStep}");
            AnsiConsole.Write(archs);
            var folder = parse.GetValue(Out) ?? Path.Combine("reports", string.Join('+', sweepIds));
            var files = BenchmarkFiles.Write(folder, "trials", report.Trials).Concat(BenchmarkFiles.Write(folder, "architectures", report.Architectures)).ToList();
            var figure = Path.Combine(folder, "curves.svg");
            await File.WriteAllTextAsync(figure, report.CurvesSvg(), cancel);
            files.Add(figure);
            var markdown = Path.Combine(folder, SweepExport.ReportMarkdown);
            var importance = new List<(string, MinRnnLab.Sweeps.Importance.ImportanceReport)>();
            foreach (var sweepId in sweepIds.Distinct())
                importance.Add((sweepId, (await client.GetImportanceAsync(sweepId))!));           // BuildAsync has checked each exists
            await File.WriteAllTextAsync(markdown, SweepExport.Markdown(report, importance), cancel);
            files.Add(markdown);
            AnsiConsole.WriteLine($"wrote {string.Join(", ", files)}");
            return 0;
        });

    private static string F(double? value, string format = "F4") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";
}
