using System.CommandLine;
using System.Globalization;
using MinRnnLab.Cli.Declarations;
using MinRnnLab.Cli.Benchmarks.Cluster;
using MinRnnLab.Training.Benchmarks;
using Spectre.Console;

namespace MinRnnLab.Cli.Commands;

/// <summary>
/// `minrnn bench cluster [--silos 2] [--slots 8] [--trials 1000] [--step_ms 20] [--evals_per_trial 10] [--checkpoint_every 2] [--churn_every 0]
/// [--pg CONNECTION] [--out DIR]`: K silo processes on PostgreSQL with D simulated slots each run N trials; with churn a
/// random silo running a trial is killed (-9) and restarted every M seconds, and what was lost or duplicated is
/// counted. Each run adds its row to DIR/cluster.{json,csv,md}. Exits 4 when a trial or an evaluation was lost or duplicated.
/// </summary>
public static class BenchClusterCommand
{
    public const int LossExitCode = 4;

    private static readonly Option<int> Silos = Declare.Count("--silos", "silo processes (K)", 2, maximum: 64, helpName: "K");
    private static readonly Option<int> Slots = Declare.Count("--slots", "simulated device slots per silo (D)", 8, maximum: 1024, helpName: "D");
    private static readonly Option<int> Trials = Declare.Count("--trials", "trials in all (N), in sweeps of --sweep_trials", 1000);
    private static readonly Option<int> SweepTrials = Declare.Count("--sweep_trials", "trials per sweep", 1000);
    private static readonly Option<int> StepMs = Declare.Count("--step_ms", "milliseconds each simulated step sleeps", 20, minimum: 0, helpName: "MS");
    private static readonly Option<int> Evals = Declare.Count("--evals_per_trial", "evaluations each trial reports (one per step)", 10);
    private static readonly Option<int> CheckpointEvery = Declare.Count("--checkpoint_every", "steps between a trial's checkpoints (each a write of its run grain's state)", 2);
    private static readonly Option<int> ChurnEvery = Declare.Count("--churn_every", "kill -9 and restart a random silo running a trial every M seconds, once every silo has joined; 0: never", 0,
        minimum: 0, helpName: "M");
    private static readonly Option<int> MaxKills = Declare.Count("--max_kills", "kill at most this many silos; 0: no limit", 0, minimum: 0);
    private static readonly Option<int> LeaseSeconds = Declare.Count("--lease_seconds", "the silos' Lab:LeaseDuration: how soon a dead silo's runs are re-queued", 30,
        minimum: 2, helpName: "S");
    private static readonly Option<string> Pg = Declare.Text("--pg", "CONNECTION",
        "a PostgreSQL server (a database is made on it for the run and dropped after) [default: a private server, removed after]");
    private static readonly Option<string> Silo = Declare.Text("--silo", "PATH", "MinRnnLab.Silo.dll [default: beside minrnn, or built in this repository]");
    private static readonly Option<string> Out = Declare.Text("--out", "DIR", "where cluster.{json,csv,md} get this run's row", "bench");

    public static Command Create()
    {
        var command = new Command("cluster", "many silo processes on PostgreSQL, simulated slots, churn: throughput, latency, lag, losses")
        {
            Silos, Slots, Trials, SweepTrials, StepMs, Evals, CheckpointEvery, ChurnEvery, MaxKills, LeaseSeconds, Pg, Silo, Out,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        var settings = new ClusterBenchSettings(parse.GetValue(Silos), parse.GetValue(Slots), parse.GetValue(Trials),
            TimeSpan.FromMilliseconds(parse.GetValue(StepMs)), parse.GetValue(Evals), TimeSpan.FromSeconds(parse.GetValue(ChurnEvery)),
            TimeSpan.FromSeconds(parse.GetValue(LeaseSeconds)), parse.GetValue(SweepTrials), parse.GetValue(Pg), SiloProgram.Locate(parse.GetValue(Silo)),
            parse.GetValue(MaxKills), CheckpointEvery: parse.GetValue(CheckpointEvery));
        AnsiConsole.WriteLine($"{settings.Trials} trials on {settings.Silos} silos × {settings.Slots} slots, {settings.EvalsPerTrial} steps of "
                              + $"{settings.StepTime.TotalMilliseconds:F0} ms each, a checkpoint every {settings.CheckpointEvery}" + (settings.ChurnEvery > TimeSpan.Zero ? $", a silo killed every {settings.ChurnEvery.TotalSeconds:F0} s" : ""));
        ClusterBenchResult? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("trials", maxValue: settings.Trials);
                result = await ClusterBenchmark.RunAsync(settings, p =>
                {
                    task.Value = p.Finished;
                    task.Description = string.Format(CultureInfo.InvariantCulture, "trials, {0} kills, load {1:F1}", p.Kills, p.Load);
                }, cancel);
            });
        var rows = ClusterBenchRows.Append(parse.GetValue(Out)!, result!);
        AnsiConsole.Write(ClusterBenchRows.Table([result!]));
        var files = BenchmarkFiles.Write(parse.GetValue(Out)!, ClusterBenchRows.Name, rows);
        AnsiConsole.WriteLine($"wrote {string.Join(", ", files)} ({rows.Count} rows)");
        if (result!.TrialsLost + result.TrialsDuplicated + result.EvaluationsLost + result.EvaluationsDuplicated == 0)
            return 0;
        AnsiConsole.WriteLine("trials or evaluations were lost or duplicated (see the table)");
        foreach (var loss in result.Losses)
            AnsiConsole.WriteLine(loss);
        return LossExitCode;
    }
}
