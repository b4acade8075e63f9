using System.Globalization;
using MinRnnLab.Storage;
using Microsoft.Extensions.Hosting;

namespace MinRnnLab.Hosting;

/// <summary>
/// One platform per data folder: two silos on the same SQLite files both start, both answer, and overwrite each
/// other's grain state. The first holds platform.lock open exclusively (an OS lock: kill -9 releases it, so it is
/// never stale) and writes who it is to platform.holder; a second is refused at once, naming the holder.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    private readonly FileStream held;

    private DataFolderLock(FileStream held) => this.held = held;

    /// <summary>Takes the data folder for this process, or throws <see cref="DataFolderInUseException"/> naming its holder.</summary>
    public static DataFolderLock Acquire(LabPaths paths, LabOptions options)
    {
        FileStream held;
        try
        {
            // FileShare.None is flock(LOCK_EX) on Linux and macOS and a sharing lock on Windows; both end with the process.
            held = new FileStream(paths.PlatformLockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new DataFolderInUseException(paths.DataFolder, ReadHolder(paths));
        }
        var holder = string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on host {Environment.MachineName}, silo port {options.SiloPort}, gateway port {options.GatewayPort}, since {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z");
        try
        {
            held.SetLength(0);
            using (var writer = new StreamWriter(held, leaveOpen: true))
                writer.WriteLine(holder);                                               // for `cat platform.lock`
            held.Flush();
            File.WriteAllText(paths.PlatformHolderFile, holder + Environment.NewLine);
        }
        catch
        {
            held.Dispose();                                                             // a full disk: start nothing, hold nothing
            throw;
        }
        return new DataFolderLock(held);
    }

    public void Dispose() => held.Dispose();

    private static string ReadHolder(LabPaths paths)
    {
        try
        {
            return File.ReadAllText(paths.PlatformHolderFile).Trim();
        }
        catch (IOException)
        {
            return "another process (it has not said who yet)";
        }
    }
}

/// <summary>Another platform holds the data folder; the message is one line naming it.</summary>
public sealed class DataFolderInUseException(string dataFolder, string holder)
    : IOException($"data folder {dataFolder} is in use by another platform: {holder}. Stop it, or give this one another data folder.");

/// <summary>Keeps the lock for the host's life: resolved when the host starts, disposed (releasing it) with the host.</summary>
internal sealed class DataFolderLockHolder(DataFolderLock held) : IHostedService, IDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public void Dispose() => held.Dispose();
}
