
namespace MinRnnLab.Storage.Tests;

/// <summary>Which errors make a run wait rather than fail, as .NET reports them on Linux (messages as seen on a full tmpfs).</summary>
public class StorageFaultsTests
{
    [Theory]
    [InlineData(28, "No space left on device : '/data/artifacts/runs/s/0/checkpoint.tmp'", "disk full")]
    [InlineData(-2146232800, "Failed to create '/data/x.probe' with allocation size '1048576' because the disk was full.", "disk full")]
    [InlineData(122, "Disk quota exceeded : '/data/x'", "disk quota exceeded")]
    [InlineData(5, "Input/output error : '/data/x'", "I/O error")]
    [InlineData(-2147024784, "There is not enough space on the disk.", "disk full")]               // Windows ERROR_DISK_FULL
    public void StorageErrorsAreWeather(int hresult, string message, string kind) =>
        Assert.Equal(kind, StorageFaults.Classify(new IOException(message, hresult)));

    [Theory]
    [InlineData(13, "SQLite Error 13: 'database or disk is full'.", "disk full")]
    [InlineData(10, "SQLite Error 10: 'disk I/O error'.", "I/O error")]
    [InlineData(266, "SQLite Error 10: 'disk I/O error'.", "I/O error")]                 // SQLITE_IOERR_READ, an extended code
    public void ADatabaseFileThatCannotGrowIsWeather(int code, string message, string kind) =>
        Assert.Equal(kind, StorageFaults.Classify(new Microsoft.Data.Sqlite.SqliteException(message, code)));

    [Theory]
    [InlineData("53100", "disk full")]                                                  // disk_full: could not extend file
    [InlineData("58030", "I/O error")]                                                  // io_error
    public void APostgresServerOutOfDiskIsWeather(string sqlState, string kind) =>
        Assert.Equal(kind, StorageFaults.Classify(new Npgsql.PostgresException("could not extend file", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void APermissionErrorIsWeatherAnOperatorCanFix() =>
        Assert.Equal("permission denied", StorageFaults.Classify(new UnauthorizedAccessException("Access to the path '/data/x' is denied.")));

    [Fact]
    public void OtherErrorsAreTheRunsOwn()
    {
        Assert.Null(StorageFaults.Classify(new FileNotFoundException("no checkpoint", "/data/x")));
        Assert.Null(StorageFaults.Classify(new IOException("The process cannot access the file because it is being used by another process.", 11)));
        Assert.Null(StorageFaults.Classify(new InvalidDataException("state.json is empty")));
        Assert.Null(StorageFaults.Classify(new Microsoft.Data.Sqlite.SqliteException("SQLite Error 19: 'constraint failed'.", 19)));
        Assert.Null(StorageFaults.Classify(new Npgsql.PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
    }
}
