using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>`minrnn sweep watch ID`: a live progress bar per run until the sweep ends.</summary>
public static class SweepWatchCommand
{
    public static Command Create()
    {
        var id = SweepCommands.SweepId();
        return SweepCommands.OnPlatform(new Command("watch", "a live progress bar per run until the sweep ends") { id },
            (parse, client, _, cancel) => WatchAsync(client, parse.GetValue(id)!, cancel));
    }

    public static async Task<int> WatchAsync(LabClient client, string sweepId, CancellationToken cancel)
    {
        SweepCommands.Found(await client.Sweep(sweepId).GetStatus(), sweepId);          // before subscribing to anything
        var latest = new ConcurrentDictionary<string, RunProgress>();
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var listener = Task.Run(async () =>
        {
            await foreach (var progress in client.WatchSweepAsync(sweepId, stopWatching.Token))
                latest.AddOrUpdate(progress.RunId, progress, (_, old) => progress.MaxIters == 0 ? progress with { MaxIters = old.MaxIters } : progress);
        }, CancellationToken.None);

        SweepStatus status = null!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async ctx =>
            {
                var bars = new Dictionary<string, ProgressTask>();
                while (true)
                {
                    status = SweepCommands.Found(await client.Sweep(sweepId).GetStatus(), sweepId);
                    foreach (var trial in await client.Sweep(sweepId).GetTrials() ?? [])
                    {
                        if (!bars.TryGetValue(trial.RunId, out var bar))
                            bars[trial.RunId] = bar = ctx.AddTask(trial.RunId, maxValue: 1);
                        latest.TryGetValue(trial.RunId, out var live);
                        if (live is { MaxIters: > 0 })
                            (bar.MaxValue, bar.Value) = (live.MaxIters, live.Step);
                        if (trial.State.IsFinal())
                            bar.Value = bar.MaxValue;
                        bar.Description = Markup.Escape(string.Format(CultureInfo.InvariantCulture, "{0} {1} {2} best {3} {4:F4}",
                            trial.RunId, trial.Arch, trial.State.ToConfigName(), status.Metric, live?.BestMetric ?? trial.BestMetric ?? double.NaN));
                    }
                    if (status.State.IsFinal())
                        break;
                    await Task.Delay(500, cancel);
                }
            });
        await stopWatching.CancelAsync();
        await listener.ContinueWith(_ => { });
        AnsiConsole.WriteLine($"sweep {sweepId}: {status.State}, {SweepCommands.Progress(status)} trials finished");
        return 0;
    }
}
