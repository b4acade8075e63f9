using MinRnnLab.Training.Data;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Tests;

[Collection(TorchGlobalState.Name)]
public class CharDatasetTests
{
    [Fact]
    public void SplitsTinyShakespeareExactlyAsNanoGpt()
    {
        var data = TestData.Dataset;
        Assert.Equal(65, data.VocabSize);
        Assert.Equal(1_003_854, data.Train.shape[0]);
        Assert.Equal(111_540, data.Validation.shape[0]);
    }

    [Fact]
    public void VocabularyIsTheSortedDistinctCharacters()
    {
        var data = TestData.Dataset;
        Assert.Equal('\n', data.Vocabulary[0]);
        Assert.Equal(' ', data.Vocabulary[1]);
        Assert.Equal(data.Vocabulary.Order().ToArray(), data.Vocabulary.ToArray());
        Assert.Equal("First Citizen", data.Decode(data.Train[..13].data<long>().ToArray()));
    }

    [Fact]
    public void BatchTargetsAreInputsShiftedByOne()
    {
        using var data = new CharDataset("abcdefghijklmnopqrstuvwxyz");
        var sampler = new BatchSampler(data.Train, batchSize: 4, blockSize: 5, BatchSampler.SeedState(7));
        var (x, y) = sampler.Next(CPU);
        Assert.Equal(new long[] { 4, 5 }, x.shape);
        Assert.True(x[.., 1..].eq(y[.., ..4]).all().item<bool>());
        Assert.True((y - x).eq(1).all().item<bool>());
    }

    [Fact]
    public void SamplerWithTheSameStateDrawsTheSameBatches()
    {
        using var data = new CharDataset(string.Concat(Enumerable.Repeat("the quick brown fox ", 50)));
        var first = new BatchSampler(data.Train, 3, 8, BatchSampler.SeedState(1));
        first.Next(CPU);
        var resumed = new BatchSampler(data.Train, 3, 8, first.State);
        Assert.True(first.Next(CPU).X.eq(resumed.Next(CPU).X).all().item<bool>());
    }
}
