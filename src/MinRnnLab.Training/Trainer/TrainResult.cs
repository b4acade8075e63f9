namespace MinRnnLab.Training.Trainer;

/// <summary>How a run ended: its final and best losses and how long the steps took.</summary>
public sealed record TrainResult(
    int Steps, double FinalTrainLoss, double FinalValLoss, double BestValLoss, int BestStep, double MeanMsPerIter, TimeSpan Elapsed);
