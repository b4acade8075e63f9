namespace MinRnnLab.Training.Checkpoints;

/// <summary>
/// A run keeps two checkpoints: the latest, where training resumes, and the best, taken at the evaluation with the
/// lowest validation loss so far (the step the run reports as its best), in a folder beside the latest one
/// (`checkpoint-best` next to `checkpoint`). The paper reports the best loss, so sampling and reports read the best
/// checkpoint; a run stored before the best was kept has only the latest, which is read instead.
/// </summary>
public static class BestCheckpoint
{
    /// <summary>The best checkpoint's folder beside the latest's (`…/checkpoint` → `…/checkpoint-best`).</summary>
    public static string FolderBeside(string latestFolder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(latestFolder)) + "-best";

    /// <summary>
    /// The folder to read: with <paramref name="preferBest"/> the best checkpoint beside <paramref name="latestFolder"/>
    /// if there is one, else the latest.
    /// </summary>
    public static string Choose(string latestFolder, bool preferBest) =>
        preferBest && CheckpointStore.Find(FolderBeside(latestFolder)) is not null ? FolderBeside(latestFolder) : latestFolder;
}
