using MinRnnLab.Tests.Shared;
using MinRnnLab.Worker;

namespace MinRnnLab.Cluster.Tests;

/// <summary>Which device a slot trains on, and which runs it may take: no GPU needed to check either.</summary>
public class DeviceTests
{
    [Theory]
    [InlineData("cpu", "cpu", "cpu")]
    [InlineData(" CPU ", "cpu", "cpu")]
    [InlineData("cuda:0", "cuda", "cuda:0")]
    [InlineData("cuda:3", "cuda", "cuda:3")]
    public void ASlotNamesItsKindAndItsTorchDevice(string text, string kind, string device)
    {
        var slot = DeviceSlot.Parse(text);
        Assert.Equal((kind, device), (slot.Kind, slot.Device));
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:-1")]
    [InlineData("gpu:0")]
    public void AnUnknownSlotIsRefused(string text) => Assert.Throws<ArgumentException>(() => DeviceSlot.Parse(text));

    [Fact]
    public async Task ACudaRunIsNeverLeasedByACpuSlotAndTheClusterViewShowsEveryDevice()
    {
        await using var cluster = await InProcessCluster.StartAsync(silos: 2);
        var view = await Poll.UntilThroughFailures(cluster.Client.GetClusterViewAsync, v => v.Silos.Length == 2 && v.Silos.All(s => s.Devices.Length == 1));
        // The cuda run first, then a cpu run behind it: a cpu slot that takes the cpu run has asked the queue after the
        // cuda run was there, and the oldest run it could take would have been the cuda run. (No such run exists: its
        // worker hands the lease back at once.)
        await cluster.Client.Queue.Enqueue("manual/cuda-run", "cuda");
        await cluster.Client.Queue.Enqueue("manual/cpu-run", "cpu");

        var queue = await Poll.Until(() => cluster.Client.Queue.GetSnapshot(), q => !q.Queued.Contains("manual/cpu-run"));
        Assert.Equal(["manual/cuda-run"], queue.Queued);
        Assert.DoesNotContain(queue.Leases, l => l.RunId == "manual/cuda-run");
        Assert.Null(await cluster.Client.Queue.TryLease("test-cpu-worker", "cpu"));
        Assert.All(view.Silos.SelectMany(s => s.Devices), d => Assert.Equal(("cpu", "cpu"), (d.Kind, d.Device)));
        Assert.Equal(1, (await cluster.Client.GetClusterViewAsync()).QueueDepth);
    }
}
