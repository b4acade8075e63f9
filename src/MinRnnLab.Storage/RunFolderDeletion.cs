namespace MinRnnLab.Storage;

/// <summary>Removes a platform run's files (all of them, or the checkpoints retention lets go) and says how many bytes that freed.</summary>
public static class RunFolderDeletion
{
    /// <summary>
    /// Deletes <see cref="LabPaths.RunArtifactsFolder"/> of <paramref name="runId"/> and everything in it, then its
    /// sweep's folder if that is left empty; returns the bytes of the files removed (0 when there was no folder, as
    /// after a first delete). Only that folder is read or removed: the id is checked by LabPaths not to escape it.
    /// </summary>
    public static long Delete(LabPaths paths, string runId)
    {
        var folder = new DirectoryInfo(paths.RunArtifactsFolder(runId));
        long bytes;
        try
        {
            bytes = folder.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            folder.Delete(recursive: true);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            // None, or removed meanwhile by the run's worker (which cleans up after its last log line): what is left goes now.
            if (Directory.Exists(folder.FullName))
                folder.Delete(recursive: true);
            return 0;
        }
        var sweepFolder = folder.Parent!;
        // Another run of the sweep may write here at this moment: an IOException then just means "not empty".
        if (sweepFolder.FullName != Path.Combine(paths.ArtifactsFolder, "runs") && !sweepFolder.EnumerateFileSystemInfos().Any())
            try { sweepFolder.Delete(); } catch (IOException) { }
        return bytes;
    }

    /// <summary>
    /// Deletes the run's best and/or latest checkpoint folders (with any half-written "checkpoint.tmp-*" beside them);
    /// returns the bytes removed, 0 for folders already gone. The log stays.
    /// </summary>
    public static long DeleteCheckpoints(LabPaths paths, string runId, bool best, bool latest)
    {
        var latestFolder = paths.CheckpointFolder(runId);
        var folders = new List<string>();
        if (best)
            folders.Add(paths.BestCheckpointFolder(runId));
        if (latest && Directory.Exists(Path.GetDirectoryName(latestFolder)))
            folders.AddRange(Directory.EnumerateDirectories(Path.GetDirectoryName(latestFolder)!, Path.GetFileName(latestFolder) + ".tmp-*").Prepend(latestFolder));
        long bytes = 0;
        foreach (var folder in folders.Select(f => new DirectoryInfo(f)).Where(f => f.Exists))
        {
            bytes += folder.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            folder.Delete(recursive: true);
        }
        return bytes;
    }
}
