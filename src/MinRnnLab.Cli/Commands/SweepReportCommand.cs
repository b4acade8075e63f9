using System.CommandLine;
using System.Globalization;
using MinRnnLab.Abstractions;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Client;
using MinRnnLab.Training.Benchmarks;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn sweep report ID [ID ...] [--out DIR] [--second_target LOSS] [--sample_chars N]`: the results table, the per-configuration
/// summary and its costs (ms per step, CPU hours, resumes) with every attempt, as CSV/Markdown/JSON too, a sample from each
/// configuration's best checkpoint, the curves as SVG, and the whole report with seed statistics as report.md (the file
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
    private static readonly Option<int> SampleChars = Declare.Count("--sample_chars",
        "characters sampled from each configuration's best checkpoint into samples.md (0: none)", 300, minimum: 0, maximum: SampleRequest.MaxLength);

    public static Command Create() => SweepCommands.OnPlatform(
        new Command("report", "one report over the sweeps: results, per-configuration summary with seed statistics, costs and resumes, curves, samples")
            { SweepIds, Out, SecondTarget, SampleChars },
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
            var costs = new Table().AddColumns("configuration", "trials", "steps trained", "ms/step", "hours", "CPU hours (attempts)", "resumes", "restarts", "steps retrained", "peak MB");
            foreach (var c in report.Costs)
                costs.AddRow(Markup.Escape(c.Configuration), $"{c.Trials}", $"{c.StepsTrained}", F(c.MsPerStep, "F0"), F(c.TrainingHours, "F2"), $"{F(c.CpuHours, "F2")} ({c.AttemptsWithCpu}/{c.Attempts})",
                    $"{c.Resumes}", $"{c.Restarts}", $"{c.StepsRetrained}", F(c.PeakMemoryMegabytes, "F0"));
            AnsiConsole.Write(costs);
            var folder = parse.GetValue(Out) ?? Path.Combine("reports", string.Join('+', sweepIds));
            var files = BenchmarkFiles.Write(folder, "trials", report.Trials).Concat(BenchmarkFiles.Write(folder, "architectures", report.Architectures))
                .Concat(BenchmarkFiles.Write(folder, "costs", report.Costs)).Concat(BenchmarkFiles.Write(folder, "attempts", report.Attempts)).ToList();
            var figure = Path.Combine(folder, "curves.svg");
            await File.WriteAllTextAsync(figure, report.CurvesSvg(), cancel);
            files.Add(figure);
            var markdown = Path.Combine(folder, SweepExport.ReportMarkdown);
            var importance = new List<(string, MinRnnLab.Sweeps.Importance.ImportanceReport)>();
            foreach (var sweepId in sweepIds.Distinct())
                importance.Add((sweepId, (await client.GetImportanceAsync(sweepId))!));           // BuildAsync has checked each exists
            await File.WriteAllTextAsync(markdown, SweepExport.Markdown(report, importance), cancel);
            files.Add(markdown);
            if (parse.GetValue(SampleChars) is > 0 and var characters)
            {
                var samples = Path.Combine(folder, "samples.md");
                await File.WriteAllTextAsync(samples, BestCheckpointSamples.Markdown(report.Status.Name,
                    await BestCheckpointSamples.TakeAsync(client, report, characters, cancel)), cancel);
                files.Add(samples);
            }
            AnsiConsole.WriteLine($"wrote {string.Join(", ", files)}");
            return 0;
        });

    private static string F(double? value, string format = "F4") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";
}
