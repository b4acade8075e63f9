using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using MinRnnLab.Abstractions;
using MinRnnLab.Cli.Benchmarks.Cluster;
using MinRnnLab.Training.Benchmarks;
using MinRnnLab.Web.Hosting;
using MinRnnLab.Worker;
using Npgsql;

namespace MinRnnLab.UiBench;

/// <summary>
/// One row of `--only cluster`: TABS tabs of one sweep's page while the cluster benchmark runs. Delay: from an
/// evaluation's report (the simulated trainer's clock) to the first moment a tab's "Running now" table shows that step
/// or a later one, over every evaluation reported while the tab was open; NotShown counts those a tab never showed
/// (the run finished and left the table first). Bytes and frames: SignalR's WebSocket, both ways, per tab and second.
/// Messages: Orleans messages the web sent per second with the tabs open less without, per tab.
/// </summary>
public sealed record WebLoadResult(int Tabs, int SweepTrials, int Silos, int SlotsPerSilo, int StepMs, double OpenSeconds, long EvaluationsTimed,
    long NotShown, double DelayP50Ms, double DelayP99Ms, double ShareWithin1s, double SignalRKBPerTabPerSecond, double FramesPerTabPerSecond,
    double OrleansMessagesPerTabPerSecond, double LoadStart, double LoadMax);

public static class SweepPageUnderLoad
{
    private static readonly TimeSpan Baseline = TimeSpan.FromSeconds(10);

    public static async Task<WebLoadResult> MeasureAsync(ClusterUnderLoad cluster, ClusterBenchSettings settings, int tabs, CancellationToken cancel)
    {
        var loadStart = TimingReport.LoadAverage();
        using var messages = new OrleansMessageCount();
        var url = $"http://127.0.0.1:{Tests.Shared.FreePort.Next()}";
        await using var web = LabWebApp.Build(
        [
            "--urls", url, "--environment", "Production", "--Web:Mode", "client",
            .. cluster.Gateways.SelectMany((g, i) => new[] { $"--Web:Gateways:{i}", g }),
            "--Lab:DataFolder", Path.Combine(Path.GetTempPath(), $"minrnn-ui-bench-web-{Guid.NewGuid():N}"),
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await web.StartAsync(cancel);
        // Orleans messages without a tab open (this process's benchmark client and the idle web), then with them.
        var before = messages.Sent;
        await Task.Delay(Baseline, cancel);
        var idlePerSecond = (messages.Sent - before) / Baseline.TotalSeconds;

        await using var chromium = await Chromium.LaunchAsync();
        var sweepId = cluster.SweepIds[0];
        var pages = new List<(IPage Page, double OpenedAt)>();
        long bytes = 0, frames = 0;
        // All tabs at once, as 20 readers arriving together: opened one by one they take minutes on a loaded machine.
        await Task.WhenAll(Enumerable.Range(0, tabs).Select(async i =>
        {
            var (_, page) = await chromium.FreshPageAsync();
            await page.AddInitScriptAsync(SweepPageWatcher.Script);
            page.WebSocket += (_, socket) =>
            {
                socket.FrameReceived += (_, f) => Count(f);
                socket.FrameSent += (_, f) => Count(f);
            };
            await page.GotoAsync($"{url}/sweeps/{Uri.EscapeDataString(sweepId)}");
            lock (pages)
                pages.Add((page, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            Console.WriteLine($"bench-ui: tab {i + 1} of {tabs} open, load {TimingReport.LoadAverage():F1}");
        }));
        void Count(IWebSocketFrame frame)
        {
            Interlocked.Add(ref bytes, frame.Binary?.Length ?? Encoding.UTF8.GetByteCount(frame.Text ?? ""));
            Interlocked.Increment(ref frames);
        }

        var (bytesOpen, framesOpen, messagesOpen) = (Interlocked.Read(ref bytes), Interlocked.Read(ref frames), messages.Sent);
        var open = Stopwatch.StartNew();
        var loadMax = loadStart;
        while (!(await GrainCalls.Retried(() => cluster.Client.GetSweepAsync(sweepId), cancel)).State.IsFinal())
        {
            await Task.Delay(500, cancel);
            loadMax = Math.Max(loadMax, TimingReport.LoadAverage());
        }
        open.Stop();
        var seconds = open.Elapsed.TotalSeconds;
        var (bytesUsed, framesUsed) = (Interlocked.Read(ref bytes) - bytesOpen, Interlocked.Read(ref frames) - framesOpen);
        var messagesPerTab = ((messages.Sent - messagesOpen) / seconds - idlePerSecond) / tabs;

        var sent = await SentAtAsync(cluster.ConnectionString, sweepId, cancel);
        var delays = new List<double>();
        long notShown = 0;
        foreach (var (page, openedAt) in pages)
        {
            var shown = JsonSerializer.Deserialize<Dictionary<string, Shown>>(await page.EvaluateAsync<string>("JSON.stringify(window.__shown)"))!
                .ToDictionary(s => s.Key, s => s.Value.at);
            foreach (var (run, step, at) in sent.Where(e => e.At >= openedAt))
            {
                if (SweepPageWatcher.ShownAt(shown, run, step) is { } shownAt)
                    delays.Add(shownAt - at);
                else
                    notShown++;
            }
        }
        double Q(double q) => delays.Count == 0 ? double.NaN : TrainBenchmark.Percentile(delays, q);
        return new WebLoadResult(tabs, settings.Trials, settings.Silos, settings.Slots, (int)settings.StepTime.TotalMilliseconds, seconds, delays.Count, notShown,
            Q(0.5), Q(0.99), delays.Count == 0 ? double.NaN : delays.Count(d => d <= 1000) / (double)delays.Count,
            bytesUsed / 1024.0 / tabs / seconds, framesUsed / (double)tabs / seconds, messagesPerTab, loadStart, loadMax);
    }

    private sealed record Shown(int max, double[][] at);

    /// <summary>Every evaluation of the sweep's runs with its report time (Unix ms), from the metrics store.</summary>
    private static async Task<List<(string Run, int Step, double At)>> SentAtAsync(string connection, string sweepId, CancellationToken cancel)
    {
        var list = new List<(string, int, double)>();
        await using var database = NpgsqlDataSource.Create(connection);
        await using var command = database.CreateCommand("SELECT run_id, step, value FROM run_metrics WHERE name = $1 AND run_id LIKE $2");
        command.Parameters.AddWithValue(PacedRunExecutor.SentAtMetric);
        command.Parameters.AddWithValue(sweepId + "/%");
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel))
            list.Add((reader.GetString(0), reader.GetInt32(1), reader.GetDouble(2)));
        return list;
    }
}
