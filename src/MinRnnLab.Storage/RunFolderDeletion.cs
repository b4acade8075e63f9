namespace MinRnnLab.Storage;

/// <summary>Removes a platform run's folder of artifacts (checkpoints, log) and says how many bytes that freed.</summary>
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
        if (!folder.Exists)
            return 0;
        var bytes = folder.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        folder.Delete(recursive: true);
        var sweepFolder = folder.Parent!;
        // Another run of the sweep may write here at this moment: an IOException then just means "not empty".
        if (sweepFolder.FullName != Path.Combine(paths.ArtifactsFolder, "runs") && !sweepFolder.EnumerateFileSystemInfos().Any())
            try { sweepFolder.Delete(); } catch (IOException) { }
        return bytes;
    }
}
