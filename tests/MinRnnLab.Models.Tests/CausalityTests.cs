using MinRnnLab.Config;
using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

/// <summary>
/// A language model's prediction at position t may read tokens 0..t only. Each whole model, as it trains and as it is
/// evaluated (every fused kernel on), is given a sequence and the same sequence with every token after t changed: the
/// logits up to t must not move, those after it must. T = 80 spans the scans' 32-step chunks and the attention's tiles, so a
/// leak at a chunk's edge shows too. The parts have their own causality tests; this one holds the assembled model.
/// </summary>
public class CausalityTests
{
    [Theory]
    [InlineData(Architecture.MinGru, BlockShape.Paper)]
    [InlineData(Architecture.MinGru, BlockShape.Gated)]
    [InlineData(Architecture.MinLstm, BlockShape.Paper)]
    [InlineData(Architecture.Mamba, BlockShape.Gated)]
    [InlineData(Architecture.Transformer, null)]
    [InlineData(Architecture.Gru, null)]
    [InlineData(Architecture.Lstm, null)]
    public void NoPredictionReadsALaterToken(Architecture arch, BlockShape? block)
    {
        CheckCausal(arch, block, evaluating: false);
        CheckCausal(arch, block, evaluating: true);
    }

    // Training (train mode, autograd recording) and evaluating (eval mode, no autograd: the path of every val_loss)
    // may take different kernels, so both are held to it.
    private static void CheckCausal(Architecture arch, BlockShape? block, bool evaluating)
    {
        manual_seed(41);
        using var model = ModelFactory.Create(new ModelConfig
        {
            Arch = arch, Block = block, NLayer = 2, NEmbd = 32, NHead = 4, BlockSize = 80, VocabSize = 65, Dropout = 0,
        });
        model.train(!evaluating);
        using var noGrad = evaluating ? no_grad() : null;
        var idx = randint(0, 65, [2, 80], dtype: int64);
        foreach (var t in new[] { 0, 31, 32, 47, 78 })
        {
            var changed = idx.clone();
            changed[.., (t + 1)..] = (idx[.., (t + 1)..] + 1) % 65;                    // every later token differs

            var before = model.forward(idx);
            var after = model.forward(changed);

            var leak = (before[.., ..(t + 1)] - after[.., ..(t + 1)]).abs().max().item<float>();
            var reach = (before[.., (t + 1)..] - after[.., (t + 1)..]).abs().max().item<float>();
            Assert.True(leak == 0, $"{arch} ({(evaluating ? "evaluating" : "training")}): logits up to position {t} moved by {leak} when only later tokens changed");
            Assert.True(reach > 0, $"{arch}: changing the tokens after {t} changed no later logit (the test would prove nothing)");
        }
    }
}
