using MinRnnLab.Config;

namespace MinRnnLab.Training.Trainer;

/// <summary>nanoGPT's schedule: linear warmup, cosine decay to min_lr at lr_decay_iters, then flat at min_lr.</summary>
public static class LearningRateSchedule
{
    public static double At(int step, TrainConfig config)
    {
        if (!config.DecayLr)
            return config.LearningRate;
        if (step < config.WarmupIters)
            return config.LearningRate * (step + 1) / (config.WarmupIters + 1);
        var decayIters = config.EffectiveLrDecayIters;
        if (step > decayIters || decayIters <= config.WarmupIters)
            return config.MinLr;
        var ratio = (double)(step - config.WarmupIters) / (decayIters - config.WarmupIters);   // 0 → 1
        var coefficient = 0.5 * (1.0 + Math.Cos(Math.PI * ratio));                             // 1 → 0
        return config.MinLr + coefficient * (config.LearningRate - config.MinLr);
    }
}
