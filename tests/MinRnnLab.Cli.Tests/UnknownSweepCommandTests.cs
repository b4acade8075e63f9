using MinRnnLab.Tests.Shared;
using Microsoft.Data.Sqlite;
using MinRnnLab.Cli;

namespace MinRnnLab.Cli.Tests;

/// <summary>Commands on a sweep nobody submitted fail with "no sweep 'X'" and store nothing.</summary>
public class UnknownSweepCommandTests
{
    [Fact]
    public async Task EveryCommandOnAnUnknownSweepExitsNonZeroNamingItAndStoresNothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "minrnn-cli-unknown", Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable("MINRNN_DATA", MinRnnLab.Tests.Shared.TestCorpus.FilePath);
        Assert.Equal(0, await Run(folder, "sweep", "list"));                              // creates the platform's storage
        var before = StateRows(folder);

        foreach (var verb in new[] { "status", "cancel", "pause", "resume", "watch", "report" })
        {
            var errors = new StringWriter();
            // Only report takes --out: an option a command does not declare is an error of its own.
            string[] report = verb == "report" ? ["--out", Path.Combine(folder, "report")] : [];
            var exit = await Run(folder, errors, ["sweep", verb, "no-such-id", .. report]);
            Assert.True(exit != 0, $"sweep {verb} exited 0");
            Assert.Contains("no sweep 'no-such-id'", errors.ToString());
        }

        // Names, tags and notes: on an unknown sweep, and on a run of it.
        foreach (var (args, message) in new (string[], string)[]
                 {
                     (["tag", "no-such-id", "x"], "no sweep 'no-such-id'"),
                     (["untag", "no-such-id", "x"], "no sweep 'no-such-id'"),
                     (["note", "no-such-id", "text"], "no sweep 'no-such-id'"),
                     (["rename", "no-such-id/0", "name"], "no run 'no-such-id/0'"),
                     (["tag", "no-such-id/0", "x"], "no run 'no-such-id/0'"),
                 })
        {
            var errors = new StringWriter();
            Assert.Equal(2, await Run(folder, errors, ["sweep", .. args]));
            Assert.Contains(message, errors.ToString());
        }

        Assert.Equal(before, StateRows(folder));
        Assert.False(Directory.Exists(Path.Combine(folder, "report")));
        Directory.Delete(folder, recursive: true);
    }

    private static Task<int> Run(string folder, params string[] args) => Run(folder, TextWriter.Null, args);

    // Each command starts its own embedded platform on the folder, as `minrnn` does when none is running.
    private static Task<int> Run(string folder, TextWriter errors, params string[] args) => CommandLine.RunAsync(
        [.. args, "--data", Path.Combine(folder, "data"), "--gateway", $"{FreePort.Next()}", "--silo_port", $"{FreePort.Next()}"],
        TextWriter.Null, errors, CancellationToken.None);

    private static List<string> StateRows(string folder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "data", "state.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id, state_name, payload FROM grain_state ORDER BY grain_id, state_name";
        var rows = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetValue(2)}");
        return rows;
    }
}
