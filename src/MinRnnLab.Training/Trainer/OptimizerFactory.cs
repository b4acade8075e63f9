using MinRnnLab.Models;
using MinRnnLab.Config;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Trainer;

/// <summary>
/// AdamW with nanoGPT's two groups: matrices and embeddings (dim ≥ 2) are decayed; biases, norms and any
/// parameter a block marks INoWeightDecay (Mamba's A_log, D) are not. TorchSharp's AdamW arithmetic, stepped by
/// <see cref="Trainer.AdamW"/>, which keeps its Scalars alive.
/// </summary>
public static class OptimizerFactory
{
    public static OptimizerHelper AdamW(LanguageModel model, TrainConfig config)
    {
        var noDecay = new HashSet<IntPtr>(model.ExplicitNoDecayParameters.Select(p => p.Handle));
        // Distinct by handle: a parameter shared between modules must be stepped once.
        var all = model.parameters().Where(p => p.requires_grad).DistinctBy(p => p.Handle).ToList();
        var decay = all.Where(p => p.dim() >= 2 && !noDecay.Contains(p.Handle)).ToList();
        var rest = all.Except(decay).ToList();
        var groups = new List<TorchSharp.Modules.AdamW.ParamGroup>
        {
            new(decay, config.LearningRate, config.Beta1, config.Beta2, 1e-8, config.WeightDecay, false, false),
            new(rest, config.LearningRate, config.Beta1, config.Beta2, 1e-8, 0.0, false, false),
        };
        return new AdamW(groups, config.LearningRate, config.Beta1, config.Beta2);
    }

    public static void SetLearningRate(OptimizerHelper optimizer, double lr)
    {
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = lr;
    }
}
