using Orleans;

namespace MinRnnLab.Config;

/// <summary>How an evaluation measures the validation loss (`eval_mode`); the training loss is always an estimate.</summary>
[GenerateSerializer, Alias("MinRnnLab.EvalMode")]
public enum EvalMode
{
    /// <summary>The mean of eval_iters random batches, nanoGPT's estimate: cheap at any corpus size, noisy.</summary>
    Random,

    /// <summary>
    /// Every validation token once, in consecutive windows of block_size (Training's FullSplitLoss): exact, and the
    /// same number for the same weights. At the paper's size (111,540 characters, context 256, batch 64) that is
    /// 7 batches of windows and one short window.
    /// </summary>
    Full,
}
