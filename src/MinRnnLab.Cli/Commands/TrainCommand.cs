using System.CommandLine;
using System.Globalization;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Config;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Runs;
using MinRnnLab.Training.Sampling;
using MinRnnLab.Training.Trainer;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>`minrnn train [--preset P] [--config FILE] [--resume] [--key value ...]`</summary>
public static class TrainCommand
{
    private static readonly Option<bool> Resume = Declare.Flag("--resume", "continue from the run folder's latest checkpoint (same --out_dir)");

    public static Command Create()
    {
        var config = new ConfigOptions();
        var command = new Command("train", "train a model: a progress bar, `step N: train loss X, val loss Y` lines, and a run folder") { Resume };
        foreach (var option in config.All)
            command.Add(option);
        command.SetAction((parse, cancel) => RunAsync(config.Load(parse), parse.GetValue(Resume), cancel));
        return command;
    }

    public static async Task<int> RunAsync(RunConfig config, bool resume, CancellationToken cancel)
    {
        var corpus = await CorpusLocator.Default("data").LocateAsync(config.Train.DataPath, cancel);
        using var data = CharDataset.Load(corpus);
        var folder = RunFolder.ForConfig(config.Train);
        using var metrics = new MetricsCsvWriter(folder.MetricsFile);
        AnsiConsole.MarkupLine($"run folder: [bold]{Markup.Escape(folder.Path)}[/]");

        TrainResult result = null!;
        TrainingLoop trainer = null!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: Math.Max(1, config.Train.MaxIters));
                trainer = new TrainingLoop(config, data, new CompositeObserver(metrics, new ConsoleTrainingObserver(task)), folder.CheckpointFolder);
                folder.WriteConfig(trainer.Config);
                AnsiConsole.WriteLine($"{trainer.Config.Model.Arch.ToConfigName()}: {trainer.Model.ParameterCount() / 1e6:F2}M parameters");
                if (resume && trainer.TryResume())
                    AnsiConsole.WriteLine($"resumed from step {trainer.Step}");
                // Training runs on its own thread so the progress display keeps refreshing.
                result = await Task.Factory.StartNew(() => trainer.Run(cancel), cancel, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            });

        using (trainer)
        {
            AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "done: {0} steps, best val loss {1:F4} at step {2}, final val loss {3:F4}, {4:F1} ms/iter, {5:F0} s",
                result.Steps, result.BestValLoss, result.BestStep, result.FinalValLoss, result.MeanMsPerIter, result.Elapsed.TotalSeconds));
            if (config.Train.SampleChars > 0)
            {
                File.WriteAllText(folder.SampleFile, SampleOfTheBest(trainer, folder, new string(data.Vocabulary.ToArray()), config.Train.SampleChars, cancel));
                AnsiConsole.WriteLine($"sample → {folder.SampleFile}");
            }
        }
        return 0;
    }

    /// <summary>
    /// Text from the best checkpoint's weights, as `minrnn sample` reads them (the paper's number is the best loss); from
    /// the final weights when the run saved no checkpoint (max_iters 0).
    /// </summary>
    private static string SampleOfTheBest(TrainingLoop trainer, RunFolder folder, string vocabulary, int length, CancellationToken cancel)
    {
        var best = BestCheckpoint.Choose(folder.CheckpointFolder, preferBest: true);
        if (CheckpointStore.Find(best) is null)
            return new TextSampler(trainer.Model, vocabulary).Sample("\n", length, cancel: cancel);
        var sampler = TextSampler.FromCheckpoint(best);
        using (sampler.Model)
            return sampler.Sample("\n", length, cancel: cancel);
    }
}
