using MinRnnLab.Config;
using MinRnnLab.Models;
using MinRnnLab.Training.Checkpoints;
using MinRnnLab.Training.Data;
using MinRnnLab.Training.Trainer;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Evaluation;

/// <summary>One validation loss of a checkpoint: how it was measured, and the number.</summary>
/// <param name="Mode">"full" (every validation token once, exact) or "random" (the mean of <paramref name="Batches"/> random batches).</param>
/// <param name="Draw">Which random draw (0, 1, …): each starts the batch sampler elsewhere; 0 for full.</param>
public sealed record CheckpointLoss(string Arch, int Step, int BlockSize, string Mode, int Draw, int Batches, double ValLoss);

/// <summary>
/// A checkpoint's validation loss measured again, apart from training: exactly, over the whole split
/// (<see cref="FullSplitLoss"/>), at the context it trained with or another one, and as nanoGPT's code estimates it
/// (<see cref="RandomBatchLoss"/>) from independent draws, so the scatter of that estimate can be set beside the exact
/// number. What a reproduction that misses a paper's figure needs to tell its model from its measurement.
/// </summary>
public static class CheckpointEvaluation
{
    /// <param name="folder">A checkpoint folder (CheckpointStore).</param>
    /// <param name="data">The corpus it trained on; its vocabulary must be the checkpoint's.</param>
    /// <param name="blockSizes">Contexts to measure the full loss at; empty: the one it trained with.</param>
    /// <param name="draws">Random-batch estimates to make at the trained context, each of <paramref name="batches"/> batches.</param>
    public static IReadOnlyList<CheckpointLoss> Measure(string folder, CharDataset data, IReadOnlyList<int> blockSizes, int draws, int batches,
        CancellationToken cancel = default)
    {
        var state = CheckpointStore.ReadState(folder);
        var config = ConfigJson.Deserialize(state.ConfigJson);
        if (state.Vocabulary != new string([.. data.Vocabulary]))
            throw new ArgumentException($"the corpus's characters are not the checkpoint's ({folder}): it trained on another corpus");
        var model = config.Model;
        foreach (var size in blockSizes)
            if (size < 1 || (model.Arch == Architecture.Transformer && size > model.BlockSize))
                throw new ArgumentException(model.Arch == Architecture.Transformer
                    ? $"a context of {size} does not fit the transformer's {model.BlockSize} positions"
                    : $"a context must be at least 1 token; got {size}");

        using var network = ModelFactory.Create(model);
        using (NewDisposeScope())                                                       // what loading makes on the way
            CheckpointStore.LoadModel(folder, network);
        network.eval();                                                                 // no dropout
        using var _ = no_grad();
        var arch = model.Arch.ToConfigName();
        var batchSize = config.Train.BatchSize;
        var losses = new List<CheckpointLoss>();
        foreach (var size in blockSizes.Count == 0 ? [model.BlockSize] : blockSizes)
        {
            cancel.ThrowIfCancellationRequested();
            losses.Add(new CheckpointLoss(arch, state.Step, size, "full", 0, 0, FullSplitLoss.Mean(network, data.Validation, size, batchSize, CPU)));
        }
        for (var draw = 0; draw < draws; draw++)
        {
            cancel.ThrowIfCancellationRequested();
            // Streams of their own: no draw repeats another, or training's (whose streams are 1 + 2·step + split).
            var start = BatchSampler.SeedState(config.Train.Seed, stream: -1 - draw);
            losses.Add(new CheckpointLoss(arch, state.Step, model.BlockSize, "random", draw, batches,
                RandomBatchLoss.Mean(network, data.Validation, model.BlockSize, batchSize, batches, start, CPU)));
        }
        return losses;
    }
}
