using System.Globalization;
using MinRnnLab.Grains.Client;
using MinRnnLab.Training.Benchmarks;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>`minrnn sweep report ID [--out DIR]`: the results table and the per-architecture summary, as CSV/Markdown/JSON too.</summary>
public static class SweepReportCommand
{
    public static async Task<int> RunAsync(ParsedArgs args, CancellationToken cancel)
    {
        var sweepId = SweepCommands.Argument(args, "sweep report ID [--out DIR]");
        var (client, _) = await LabConnection.OpenAsync(args, cancel);
        await using (client)
        {
            var report = await SweepReport.BuildAsync(client, sweepId);
            var trials = new Table().AddColumns("run", "arch", "parameters", "state", "best val", "best step", "steps to target", "seconds");
            foreach (var t in report.Trials)
                trials.AddRow(Markup.Escape(t.RunId), t.Arch, Markup.Escape(t.Parameters), t.State, F(t.BestValLoss), $"{t.BestStep}", $"{t.StepsToTarget}", F(t.TrainingSeconds, "F0"));
            AnsiConsole.Write(trials);
            var archs = new Table().AddColumns("arch", "runs", "best val (mean ± std)", "best step", "steps to target", "seconds", "tokens/s", "÷ transformer", "paper best val", "paper step");
            foreach (var a in report.Architectures)
                archs.AddRow(a.Arch, $"{a.Runs}", $"{F(a.BestValLossMean)} ± {F(a.BestValLossStd)}", F(a.BestStepMean, "F0"), F(a.StepsToTargetMean, "F0"),
                    F(a.TrainingSecondsMean, "F0"), F(a.TokensPerSecondMean, "F0"), F(a.LossRatioToTransformer, "F3"), F(a.PaperBestValLoss, "F3"), $"{a.PaperBestStep}");
            AnsiConsole.Write(archs);
            var folder = args.Get("out") ?? Path.Combine("reports", sweepId);
            var files = BenchmarkFiles.Write(folder, "trials", report.Trials).Concat(BenchmarkFiles.Write(folder, "architectures", report.Architectures)).ToList();
            var figure = Path.Combine(folder, "curves.svg");
            await File.WriteAllTextAsync(figure, report.CurvesSvg(), cancel);
            files.Add(figure);
            AnsiConsole.WriteLine($"wrote {string.Join(", ", files)}");
        }
        return 0;
    }

    private static string F(double? value, string format = "F4") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";
}
