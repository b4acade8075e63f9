using MinRnnLab.Config;
using MinRnnLab.Training.Benchmarks;

namespace MinRnnLab.Training.Tests.Benchmarks;

[Collection(TorchGlobalState.Name)]
public class TrainBenchmarkTests
{
    private static RunConfig Tiny(string arch) => ConfigBinder.Bind(
        Presets.Get("tiny").Append(new ConfigValue("arch", arch, "test")).Append(new ConfigValue("threads", "1", "test")));

    [Fact]
    public void EveryConfigTakesItsTurnInEveryRoundAndIsComparedWithTheFirst()
    {
        var turns = new List<(int Done, int Total)>();

        var results = TrainBenchmark.Run([Tiny("transformer"), Tiny("mingru")], TestData.Dataset, warmup: 1, iters: 2,
            rounds: 3, (done, total) => turns.Add((done, total)));

        Assert.Equal(["Transformer", "MinGru"], results.Select(r => r.Arch));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (i, 6)), turns);
        Assert.All(results, r => Assert.Equal(6, r.Steps));
        Assert.All(results, r => Assert.True(r.MsP10 > 0 && r.MsP10 <= r.MsPerIter && r.MsPerIter <= r.MsP90, $"{r}"));
        Assert.Equal((1.0, 1.0, 1.0), (results[0].RatioToFirst, results[0].RatioP10, results[0].RatioP90));
        Assert.Equal(results[1].MsPerIter / results[0].MsPerIter, results[1].RatioToFirst, 12);
        Assert.True(results[1].RatioP10 > 0 && results[1].RatioP10 <= results[1].RatioP90, $"{results[1]}");
        Assert.All(results, r => Assert.Equal(r.BatchSize * r.BlockSize / (r.MsPerIter / 1000), r.TokensPerSecond, 6));
    }

    [Theory]
    [InlineData(new[] { 5.0 }, 0.5, 5.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 0.5, 2.5)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 0.0, 1.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 1.0, 4.0)]
    [InlineData(new[] { 10.0, 0.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0 }, 0.1, 10.0)]
    [InlineData(new[] { 1.0, 2.0 }, 0.9, 1.9)]
    public void PercentilesInterpolateBetweenTheNearestRanks(double[] values, double q, double expected) =>
        Assert.Equal(expected, TrainBenchmark.Percentile(values, q), 12);

    [Fact]
    public void EachRoundIsComparedWithTheFirstConfigsMedianInThatRound()
    {
        double[][] first = [[1.0, 3.0, 2.0], [4.0], [10.0, 10.0]];
        double[][] other = [[4.0, 6.0, 5.0], [6.0], [5.0, 15.0]];

        Assert.Equal([2.5, 1.5, 1.0], TrainBenchmark.RoundRatios(other, first));
    }

    [Fact]
    public void AConfigListMustNotBeEmpty() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainBenchmark.Run([], TestData.Dataset, 0, 1, 1));
}
