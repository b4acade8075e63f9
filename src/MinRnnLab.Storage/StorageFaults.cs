using Microsoft.Data.Sqlite;
using Npgsql;

namespace MinRnnLab.Storage;

/// <summary>
/// Which errors are the storage's weather rather than the run's fault: a full disk, an exceeded quota, an I/O
/// error, a permission an operator can fix — on files (checkpoints) or in a database (metrics). A run meeting one
/// waits and resumes; it is not failed. A database that cannot be reached at all is an outage, not one of these:
/// its callers retry as for any unavailable service.
/// </summary>
public static class StorageFaults
{
    // errno values (Linux, which .NET reports as the IOException's HResult) and Win32 codes (in the low word of 0x8007xxxx).
    private const int Eio = 5, Enospc = 28, Edquot = 122, WinHandleDiskFull = 39, WinDiskFull = 112;

    // SQLite's primary result codes (the extended ones keep them in the low byte): SQLITE_IOERR, SQLITE_FULL.
    private const int SqliteIoErr = 10, SqliteFull = 13;

    /// <summary>The kind of storage fault <paramref name="e"/> is ("disk full", …), or null when it is something else.</summary>
    public static string? Classify(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is SqliteFull => "disk full",
        SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is SqliteIoErr => "I/O error",
        PostgresException postgres when postgres.SqlState is PostgresErrorCodes.DiskFull => "disk full",
        PostgresException postgres when postgres.SqlState is PostgresErrorCodes.IoError => "I/O error",
        FileNotFoundException or DirectoryNotFoundException or PathTooLongException => null,
        // .NET reports a failed preallocation (a probe on a full disk) as "… because the disk was full", without errno.
        IOException io when Code(io) is Enospc or WinDiskFull or WinHandleDiskFull
                            || Mentions(io, "No space left on device") || Mentions(io, "disk was full") => "disk full",
        IOException io when Code(io) is Edquot || Mentions(io, "quota exceeded") => "disk quota exceeded",
        IOException io when Code(io) is Eio || Mentions(io, "Input/output error") => "I/O error",
        _ => null,
    };

    private static int Code(IOException e) => (e.HResult & unchecked((int)0xFFFF0000)) == unchecked((int)0x80070000) ? e.HResult & 0xFFFF : e.HResult;

    private static bool Mentions(Exception e, string text) => e.Message.Contains(text, StringComparison.OrdinalIgnoreCase);
}
