using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Trainer;

/// <summary>
/// The exact mean loss of a model over a whole split (eval_mode full). The split's N tokens are cut into consecutive,
/// non-overlapping windows of block_size inputs, each with its targets one token later, so every token but the first
/// is predicted exactly once, and each window starts from an empty context as a training window does. The
/// (N - 1) mod block_size predictions left after the last full window form one shorter window: dropping them would
/// leave part of the split unscored, and a full window ending at the split's end would score some tokens twice.
/// The result is the mean over all N - 1 predictions, so each window weighs by its number of tokens. Windows go
/// through the model batch_size at a time, always in the same order: the same weights give the same number.
/// </summary>
public static class FullSplitLoss
{
    /// <param name="tokens">The split, (N,) int64 on the CPU.</param>
    /// <remarks>The caller sets eval mode (no dropout) and no_grad.</remarks>
    public static double Mean(LanguageModel model, Tensor tokens, int blockSize, int batchSize, Device device)
    {
        var predictions = tokens.shape[0] - 1;
        var fullWindows = predictions / blockSize;
        var total = 0.0;
        for (long first = 0; first < fullWindows; first += batchSize)
            total += SummedLoss(model, tokens, first * blockSize, Math.Min(batchSize, fullWindows - first), blockSize, device);
        var rest = predictions - fullWindows * blockSize;
        if (rest > 0)
            total += SummedLoss(model, tokens, fullWindows * blockSize, 1, rest, device);
        return total / predictions;
    }

    /// <summary>The loss summed over <paramref name="windows"/> consecutive windows of <paramref name="length"/> tokens from <paramref name="start"/>.</summary>
    private static double SummedLoss(LanguageModel model, Tensor tokens, long start, long windows, long length, Device device)
    {
        // One scope per batch: each batch's activations are freed before the next (see RandomBatchLoss).
        using var scope = NewDisposeScope();
        var x = tokens.narrow(0, start, windows * length).view(windows, length).to(device);       // (B, T)
        var y = tokens.narrow(0, start + 1, windows * length).view(windows, length).to(device);   // (B, T)
        return LanguageModel.Loss(model.forward(x), y).item<float>() * (double)(windows * length);
    }
}
