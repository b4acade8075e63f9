namespace MinRnnLab.Training.Checkpoints;

/// <summary>
/// Everything besides weights and optimizer moments that a resumed run needs to continue bit for bit.
/// </summary>
/// <param name="Step">Optimizer steps completed; training resumes with step Step + 1.</param>
/// <param name="SamplerState">The training batch sampler's generator state.</param>
/// <param name="TorchRngState">
/// libtorch's CPU generator as it stood. A resume restores it only from a checkpoint without
/// <paramref name="DropoutMasksDrawn"/>, whose masks came from that shared generator.
/// </param>
/// <param name="ConfigJson">The resolved run config (see ConfigJson).</param>
/// <param name="Vocabulary">The character vocabulary, so a checkpoint can sample without the corpus.</param>
/// <param name="Evaluations">
/// Every evaluation up to and including Step: a run resumed elsewhere can report those its previous worker computed
/// but never delivered. Null in checkpoints written before it was kept.
/// </param>
/// <param name="DropoutMasksDrawn">
/// How many dropout masks the model had drawn from its own seeds (Models' DropoutSeeds). Null in checkpoints written
/// before models had their own.
/// </param>
public sealed record CheckpointState(
    int Step,
    double BestValLoss,
    int BestStep,
    ulong SamplerState,
    byte[] TorchRngState,
    string ConfigJson,
    string Vocabulary,
    EvaluationRecord[]? Evaluations = null,
    long? DropoutMasksDrawn = null);

/// <summary>One evaluation: mean train and validation loss at a step.</summary>
public sealed record EvaluationRecord(int Step, double TrainLoss, double ValLoss);
