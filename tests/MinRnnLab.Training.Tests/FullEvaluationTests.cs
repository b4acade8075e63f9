using MinRnnLab.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Tests;

/// <summary>eval_mode full: the validation loss is every validation token's loss once, the same for the same weights.</summary>
[Collection(TorchGlobalState.Name)]
public class FullEvaluationTests
{
    // 1,000 characters: a validation split of 100, so 99 predictions = 12 windows of 8 (batches of 5, 5 and 2) and 3 left over.
    private const int BlockSize = 8;
    private static readonly Lazy<CharDataset> Small = new(() => new CharDataset(File.ReadAllText(TestData.CorpusPath)[..1000]));

    private static RunConfig Config(string arch, string evalMode, long seed = 1337) => ConfigBinder.Bind(
        Presets.Get("tiny").Concat(new (string Key, string Value)[]
        {
            ("arch", arch), ("block_size", $"{BlockSize}"), ("batch_size", "5"), ("eval_mode", evalMode), ("eval_iters", "2"),
            ("dropout", "0.1"),                                                          // evaluation must switch it off
            ("seed", $"{seed}"),
        }.Select(v => new ConfigValue(v.Key, v.Value, "test"))));

    [Theory]
    [InlineData("transformer")]
    [InlineData("mingru")]
    public void FullValidationLossIsTheTokenWeightedMeanOfEveryWindow(string arch)
    {
        using var trainer = new TrainingLoop(Config(arch, "full"), Small.Value, new RecordingObserver());
        trainer.TimeSteps(3);                                                           // weights that are not the initial ones

        var (_, val) = trainer.Evaluate();

        var (everyToken, fullWindowsOnly) = ByHand(trainer, Small.Value.Validation);
        Assert.Equal(everyToken, val, 1e-5);
        Assert.NotEqual(fullWindowsOnly, val, 1e-5);                                    // the short last window counts
    }

    [Fact]
    public void TwoEvaluationsOfOneModelAgreeExactly()
    {
        using var first = new TrainingLoop(Config("mingru", "full"), Small.Value, new RecordingObserver());
        first.TimeSteps(3);
        using var copy = new TrainingLoop(Config("mingru", "full", seed: 7), Small.Value, new RecordingObserver());
        copy.Model.load_state_dict(first.Model.state_dict());

        var once = first.Evaluate().Val;
        var again = first.Evaluate().Val;
        var elsewhere = copy.Evaluate().Val;                                            // another seed, so other random batches

        Assert.Equal(once, again);
        Assert.Equal(once, elsewhere);
    }

    [Fact]
    public void RandomBatchesOfOneModelDependOnTheSeedThatDrawsThem()
    {
        // The control for the test above: the same comparison tells random mode's estimates apart.
        using var first = new TrainingLoop(Config("mingru", "random"), Small.Value, new RecordingObserver());
        using var copy = new TrainingLoop(Config("mingru", "random", seed: 7), Small.Value, new RecordingObserver());
        copy.Model.load_state_dict(first.Model.state_dict());

        Assert.NotEqual(first.Evaluate().Val, copy.Evaluate().Val);
    }

    /// <summary>
    /// The loss of every validation token, window by window from the split's start, one window per forward pass, in
    /// double on the host; and the same over the full windows only.
    /// </summary>
    private static (double EveryToken, double FullWindowsOnly) ByHand(TrainingLoop trainer, Tensor split)
    {
        using var _ = no_grad();
        trainer.Model.eval();
        var tokens = split.data<long>().ToArray();
        double sum = 0, fullSum = 0;
        int count = 0, fullCount = 0;
        for (var start = 0; start < tokens.Length - 1; start += BlockSize)
        {
            var length = Math.Min(BlockSize, tokens.Length - 1 - start);
            using var scope = NewDisposeScope();
            var x = tensor(tokens[start..(start + length)]).unsqueeze(0);                 // (1, T)
            var logProbabilities = trainer.Model.forward(x).log_softmax(-1)[0];         // (T, V)
            var windowSum = 0.0;
            for (var t = 0; t < length; t++)
                windowSum -= logProbabilities[t, tokens[start + t + 1]].item<float>();
            (sum, count) = (sum + windowSum, count + length);
            if (length == BlockSize)
                (fullSum, fullCount) = (fullSum + windowSum, fullCount + length);
        }
        trainer.Model.train();
        Assert.Equal(99, count);
        return (sum / count, fullSum / fullCount);
    }
}
