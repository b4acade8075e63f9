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
        await cluster.Client.Queue.Enqueue("manual/cuda-run", "cuda");

        var view = await Poll.UntilThroughFailures(cluster.Client.GetClusterViewAsync, v => v.Silos.Length == 2 && v.Silos.All(s => s.Devices.Length == 1));
        await Task.Delay(TimeSpan.FromSeconds(1));                                     // ten polls of every cpu slot

        var queue = await cluster.Client.Queue.GetSnapshot();
        Assert.Equal(["manual/cuda-run"], queue.Queued);
        Assert.Empty(queue.Leases);
        Assert.Null(await cluster.Client.Queue.TryLease("test-cpu-worker", "cpu"));
        Assert.All(view.Silos.SelectMany(s => s.Devices), d => Assert.Equal(("cpu", "cpu"), (d.Kind, d.Device)));
        Assert.Equal(1, view.QueueDepth);
    }
}
