using MinRnnLab.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Training.Benchmarks;

/// <summary>
/// Speed of one training step for a config. <see cref="MsPerIter"/> is the median step and <see cref="MsP10"/> /
/// <see cref="MsP90"/> its spread; <see cref="RatioToFirst"/> compares it with the first config measured beside it.
/// <see cref="RatioP10"/> … <see cref="RatioP90"/> is how that ratio varied from round to round (each round's median
/// step against the first config's in the same round): the ratio's own uncertainty on a machine whose speed drifts.
/// </summary>
public sealed record TrainBenchmarkResult(
    string Arch, long Parameters, int BatchSize, int BlockSize, int Threads, int Steps, double MsPerIter, double MsP10,
    double MsP90, double RatioToFirst, double RatioP10, double RatioP90, double TokensPerSecond,
    double ModelFlopsPerSecond, double PeakFlopsPerSecond, double Mfu);

public static class TrainBenchmark
{
    /// <summary>
    /// Measures several configs (e.g. one per architecture) in one sitting: each takes <paramref name="warmup"/>
    /// untimed steps, then they take turns, <paramref name="iters"/> timed steps each, for <paramref name="rounds"/>
    /// rounds, so that a slow spell of a shared machine falls on all of them alike; the median step ignores the
    /// spells themselves. <paramref name="progress"/> is told (turns done, turns in all) after each turn.
    /// </summary>
    public static IReadOnlyList<TrainBenchmarkResult> Run(
        IReadOnlyList<RunConfig> configs, CharDataset data, int warmup, int iters, int rounds, Action<int, int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(configs.Count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfLessThan(iters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var trainers = new List<TrainingLoop>();
        try
        {
            foreach (var config in configs)
                trainers.Add(new TrainingLoop(config, data, new NullObserver()));
            foreach (var trainer in trainers)
                trainer.TimeSteps(warmup);
            var turns = trainers.Select(_ => new List<IReadOnlyList<double>>()).ToArray();  // [config][round] → step times
            for (var turn = 0; turn < rounds * trainers.Count; turn++)
            {
                turns[turn % trainers.Count].Add(trainers[turn % trainers.Count].TimeSteps(iters));
                progress?.Invoke(turn + 1, rounds * trainers.Count);
            }
            var peak = MatmulPeak.MeasureFlopsPerSecond(Devices.Resolve(trainers[0].Config.Train.Device));
            return trainers.Select((trainer, i) => Result(trainer, turns[i], turns[0], peak)).ToList();
        }
        finally
        {
            foreach (var trainer in trainers)
                trainer.Dispose();
        }
    }

    private static TrainBenchmarkResult Result(
        TrainingLoop trainer, List<IReadOnlyList<double>> rounds, List<IReadOnlyList<double>> firstRounds, double peak)
    {
        var c = trainer.Config;
        var times = rounds.SelectMany(round => round).ToArray();
        var ms = Percentile(times, 0.5);
        var roundRatios = RoundRatios(rounds, firstRounds);
        var tokensPerIter = (double)c.Train.BatchSize * c.Model.BlockSize;
        var modelFlops = trainer.Model.TrainingFlopsPerToken() * tokensPerIter / (ms / 1000.0);
        return new TrainBenchmarkResult(c.Model.Arch.ToString(), trainer.Model.ParameterCount(), c.Train.BatchSize,
            c.Model.BlockSize, TorchSharp.torch.get_num_threads(), times.Length, ms, Percentile(times, 0.1),
            Percentile(times, 0.9), ms / Percentile(firstRounds.SelectMany(round => round).ToArray(), 0.5),
            Percentile(roundRatios, 0.1), Percentile(roundRatios, 0.9), tokensPerIter / (ms / 1000.0), modelFlops, peak,
            modelFlops / peak);
    }

    /// <summary>Each round's median step over the first config's median step in the same round.</summary>
    internal static double[] RoundRatios(
        IReadOnlyList<IReadOnlyList<double>> rounds, IReadOnlyList<IReadOnlyList<double>> firstRounds) =>
        rounds.Select((round, r) => Percentile(round, 0.5) / Percentile(firstRounds[r], 0.5)).ToArray();

    /// <summary>The q-quantile of the values, interpolating linearly between the two nearest ranks.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var rank = q * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    private sealed class NullObserver : ITrainingObserver;
}
