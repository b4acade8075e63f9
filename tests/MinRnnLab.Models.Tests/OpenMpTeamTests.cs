using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

public class OpenMpTeamTests
{
    public OpenMpTeamTests() => ones(1).sum().item<float>();                           // libtorch (and its libgomp) loaded

    [Fact]
    public void LibtorchsOpenMpIsFoundOnLinux()
    {
        Assert.Equal(OperatingSystem.IsLinux(), OpenMpTeam.IsAvailable);
    }

    [Fact]
    public void EveryItemRunsExactlyOnceAcrossTheTeam()
    {
        var runs = new int[1001];
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();

        OpenMpTeam.Run(runs.Length, 3, i =>
        {
            Interlocked.Increment(ref runs[i]);
            threads[Environment.CurrentManagedThreadId] = true;
        });

        Assert.All(runs, count => Assert.Equal(1, count));
        Assert.Equal(3, threads.Count);
    }

    [Fact]
    public void AnItemsExceptionIsRethrownToTheCaller()
    {

        var error = Assert.Throws<InvalidOperationException>(() =>
            OpenMpTeam.Run(100, 2, i => { if (i == 77) throw new InvalidOperationException("item 77"); }));

        Assert.Equal("item 77", error.Message);
    }
}
