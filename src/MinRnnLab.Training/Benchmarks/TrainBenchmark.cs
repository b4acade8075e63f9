using MinRnnLab.Config;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;

namespace MinRnnLab.Training.Benchmarks;

/// <summary>Speed of one training step for a config: ms/iter, tokens/s and model FLOP utilisation.</summary>
public sealed record TrainBenchmarkResult(
    string Arch, long Parameters, int BatchSize, int BlockSize, int Threads, double MsPerIter, double TokensPerSecond,
    double ModelFlopsPerSecond, double PeakFlopsPerSecond, double Mfu);

public static class TrainBenchmark
{
    public static TrainBenchmarkResult Run(RunConfig config, CharDataset data, int warmup = 5, int timed = 50)
    {
        using var trainer = new TrainingLoop(config, data, new NullObserver());
        var ms = trainer.MeasureStepMs(warmup, timed);
        var c = trainer.Config;
        var tokensPerIter = (double)c.Train.BatchSize * c.Model.BlockSize;
        var modelFlops = trainer.Model.TrainingFlopsPerToken() * tokensPerIter / (ms / 1000.0);
        var peak = MatmulPeak.MeasureFlopsPerSecond(Devices.Resolve(c.Train.Device));
        return new TrainBenchmarkResult(c.Model.Arch.ToString(), trainer.Model.ParameterCount(), c.Train.BatchSize,
            c.Model.BlockSize, TorchSharp.torch.get_num_threads(), ms, tokensPerIter / (ms / 1000.0), modelFlops, peak,
            modelFlops / peak);
    }

    private sealed class NullObserver : Trainer.ITrainingObserver;
}
