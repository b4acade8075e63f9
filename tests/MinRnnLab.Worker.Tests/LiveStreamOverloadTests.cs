using Xunit.Abstractions;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Config;
using MinRnnLab.Hosting;
using MinRnnLab.Grains.Live;
using Orleans.Runtime;
using Orleans.Streams;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// The live stream is best-effort: when its queues are full, live updates are dropped and counted, and the sweep
/// itself goes on. Before, a full queue failed the publish inside RunGrain.Create, the run was never created and
/// the sweep hung (issue 33, seen at 5,000 trials).
/// </summary>
public sealed class LiveStreamOverloadTests(ITestOutputHelper output)
{
    private const int Trials = 300;
    private const int EvalsPerTrial = 10;

    [Fact]
    public async Task EveryTrialFinishesWithEveryEvaluationStoredWhileTheLiveQueuesAreFull()
    {
        // The feed holds one waiting update, so eight slots posting at once overflow it all through the sweep: the
        // drops are certain on any machine. Beside it another publisher floods the stream provider's own queues, and
        // a subscriber that never returns holds the sweep's stream.
        var options = Lab.NewOptions(executor: ExecutorKind.Noop, slots: 8);
        options.LiveFeedCapacity = 1;
        await using var lab = await Lab.StartAsync(options);
        var live = lab.Client.Cluster.GetStreamProvider(LabStreams.Provider);
        using var flooding = new CancellationTokenSource();
        var flood = Task.Run(() => Flood(live, flooding.Token));
        var submitted = await lab.SubmitAsync(Sweep());
        var stuck = await live.GetStream<RunProgress>(LabStreams.Sweep(submitted.SweepId))
            .SubscribeAsync((_, _) => new TaskCompletionSource().Task);

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(4));        // a hung sweep fails here
        var final = await lab.Client.WaitForSweepAsync(submitted.SweepId, TimeSpan.FromMilliseconds(100), patience.Token);
        await flooding.CancelAsync();
        var refusedByTheProvider = await flood;

        Assert.Equal(SweepState.Completed, final.State);
        Assert.Equal(Trials, final.RunsByState.GetValueOrDefault(RunState.Succeeded));
        var series = await lab.Client.GetCurvesAsync(
            Enumerable.Range(0, Trials).Select(i => $"{submitted.SweepId}/{i}").ToArray(), [MetricNames.ValLoss], maxPoints: 1000);
        Assert.Equal(Trials, series.Length);
        Assert.All(series, s => Assert.Equal(EvalsPerTrial, s.Steps.Length));
        var counts = lab.Client.SiloService<LiveFeed>()!.Counts;
        output.WriteLine($"live feed: {counts}; publishes the provider refused the flood: {refusedByTheProvider}");
        Assert.True(counts.Dropped > 0, $"the feed never overflowed, so this test showed nothing: {counts}");
        await stuck.UnsubscribeAsync();
    }

    private static string Sweep() => $$"""
        name: live-overload
        metric: {name: val_loss}
        method: grid
        base: {preset: tiny, max_iters: {{EvalsPerTrial - 1}}, eval_interval: 1}
        seeds: {{Trials}}
        parallel: 8
        """;

    /// <summary>Publishes as fast as the provider takes it until cancelled; returns the publishes it refused.</summary>
    private static async Task<int> Flood(IStreamProvider live, CancellationToken cancel)
    {
        var refused = 0;
        while (!cancel.IsCancellationRequested)
            refused += (await Burst(live)).Count(ok => !ok);
        return refused;
    }

    /// <summary>2,048 events over 256 streams spread across the provider's queues; true for each one accepted.</summary>
    private static Task<bool[]> Burst(IStreamProvider live) => Task.WhenAll(Enumerable.Range(0, 2_048).Select(async i =>
    {
        try
        {
            await live.GetStream<RunProgress>(StreamId.Create("flood", $"f{i % 256}"))
                .OnNextAsync(new RunProgress($"flood/{i}", RunState.Running, i, 0, [], null));
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;                                                               // "the count has reached its maximum"
        }
    }));
}
