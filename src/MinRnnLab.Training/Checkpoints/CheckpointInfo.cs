namespace MinRnnLab.Training.Checkpoints;

/// <summary>What a checkpoint on disk is, without loading it: for people choosing whether to sample or resume.</summary>
/// <param name="Step">Optimizer steps completed when it was saved.</param>
/// <param name="WrittenAt">When its state file was written (UTC).</param>
/// <param name="Bytes">Model, optimizer state and state file together.</param>
public sealed record CheckpointInfo(int Step, DateTimeOffset WrittenAt, long Bytes);
