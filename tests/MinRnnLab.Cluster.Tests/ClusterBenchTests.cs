using System.Globalization;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Cluster.Tests;

/// <summary>
/// `minrnn bench cluster` end to end, small: two real silo processes on the tests' PostgreSQL, one of them killed -9
/// while trials run. Its audit must find every trial and evaluation stored once; no figure's size is asserted.
/// </summary>
public class ClusterBenchTests
{
    private static readonly string[] Columns =
    [
        "silos", "slots_per_silo", "trials", "kills", "wall_seconds", "trials_per_second", "queued_to_running_p50_ms", "queued_to_running_p99_ms",
        "evaluations_stored", "evaluations_per_second", "stream_lag_p99_ms", "pg_rows_per_trial", "pg_bytes_per_trial", "silo_cpu_ms_per_trial",
        "silo_peak_mb_max", "other_cpu_ms_per_trial", "load_start", "load_max", "trials_lost", "trials_duplicated", "evaluations_lost",
        "evaluations_duplicated", "orphaned_runs", "resume_max_seconds", "checkpoint_every", "checkpoints", "steps_retrained",
    ];

    [Fact]
    public async Task ASiloKilledMidBenchmarkLosesAndDuplicatesNoTrialAndNoEvaluation()
    {
        var output = Path.Combine(Path.GetTempPath(), "minrnn-cluster-tests", Guid.NewGuid().ToString("N"));
        // minrnn as built in its own project: the copy beside these tests resolves its dependencies by the web's deps.json.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var minrnn = Path.Combine(Repository.Root, "src", "MinRnnLab.Cli", "bin", configuration, "net10.0", "minrnn.dll");
        // Trials of 10 steps of 200 ms on 4 slots: about 10 s of work, so the kill at 3 s lands while trials run.
        using var bench = TestProcess.Start("bench", minrnn,
        [
            "bench", "cluster", "--silos", "2", "--slots", "2", "--trials", "20", "--step_ms", "200", "--evals_per_trial", "10",
            "--churn_every", "3", "--max_kills", "1", "--lease_seconds", "3", "--pg", PostgresServer.ConnectionString, "--out", output,
        ]);
        var exit = await bench.WaitForExit(seconds: 600);

        Assert.True(exit == 0, $"bench cluster exited {exit}:\n{bench.Output}");
        foreach (var extension in new[] { "json", "csv", "md" })
            Assert.True(File.Exists(Path.Combine(output, $"cluster.{extension}")), $"no cluster.{extension} in {output}");
        var lines = File.ReadAllLines(Path.Combine(output, "cluster.csv"));
        var header = lines[0].Split(',');
        Assert.Empty(Columns.Except(header));
        Assert.Equal(2, lines.Length);                                                  // the header and this run's row
        var row = header.Zip(lines[1].Split(','), (name, value) => (name, value)).ToDictionary(c => c.name, c => c.value);
        double Value(string column) => double.Parse(row[column], CultureInfo.InvariantCulture);

        Assert.Equal(1, Value("kills"));
        Assert.True(Value("orphaned_runs") >= 1, $"the kill interrupted no run:\n{lines[1]}");
        Assert.Equal(20 * 10, Value("evaluations_stored"));
        foreach (var loss in new[] { "trials_lost", "trials_duplicated", "evaluations_lost", "evaluations_duplicated", "orphans_never_resumed" })
            Assert.True(Value(loss) == 0, $"{loss} = {row[loss]}:\n{bench.Output}");
        // Checkpoints at steps 2, 4, 6, 8 and the end (9) of every trial, at least; an attempt resumed from its run's
        // last checkpoint (after the kill, or a lease that ran out on the loaded machine) retrains at most the steps
        // since it, 2 each, where without checkpoints it would retrain every step it had reached.
        Assert.True(Value("checkpoints") >= 20 * 5, $"checkpoints = {row["checkpoints"]}");
        var resumed = Value("attempts") - 20;
        Assert.True(Value("steps_retrained") <= 2 * resumed, $"steps_retrained = {row["steps_retrained"]}, attempts after a trial's first {resumed}");
        Directory.Delete(output, recursive: true);
    }
}
