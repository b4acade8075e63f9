namespace MinRnnLab.Training.Trainer;

/// <summary>The loss became NaN or infinite: the run cannot continue from here.</summary>
public sealed class DivergedException(int step, double loss)
    : Exception($"training diverged at step {step}: loss is {loss}; lower learning_rate or grad_clip")
{
    public int Step { get; } = step;
}
