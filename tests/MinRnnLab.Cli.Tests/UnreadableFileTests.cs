using System.Diagnostics;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Cli.Tests;

/// <summary>
/// A path that is not a regular file is refused before it is opened, by the real command: opening a FIFO blocks until
/// someone writes to it (`sweep validate` on one blocked for good and ignored SIGTERM), and a device never ends.
/// </summary>
public sealed class UnreadableFileTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "minrnn-unreadable-tests", Guid.NewGuid().ToString("N"));

    public UnreadableFileTests() => Directory.CreateDirectory(folder);

    public static TheoryData<string, string> Commands => new()
    {
        { "sweep validate {0}", "sweep file" },
        { "sweep submit {0}", "sweep file" },
        { "train --config {0} --max_iters 1", "config file" },
        { "train --data_path {0} --max_iters 1 --n_layer 1 --n_embd 8 --n_head 1 --batch_size 1 --block_size 8", "corpus" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task AFifoIsRefusedAtOnceWithoutBeingOpened(string command, string what)
    {
        var fifo = MakeFifo();

        using var cli = CliProcess.Start(string.Format(command, fifo).Split(' '));
        // No one ever writes to the FIFO: a command that opened it would still be waiting when this gives up.
        var exit = await cli.WaitForExit(seconds: 120);

        Assert.NotEqual(0, exit);
        Assert.Contains($"{what} {fifo}: is a FIFO (named pipe), not a regular file", cli.Output);
    }

    [Fact]
    public async Task ADeviceAndADirectoryAreRefusedAsConfigFiles()
    {
        using var device = CliProcess.Start("sweep", "validate", "/dev/zero");
        using var directory = CliProcess.Start("train", "--config", folder, "--max_iters", "1");

        Assert.NotEqual(0, await device.WaitForExit(seconds: 120));
        Assert.NotEqual(0, await directory.WaitForExit(seconds: 120));
        Assert.Contains("sweep file /dev/zero: is a character device, not a regular file", device.Output);
        Assert.Contains($"config file {folder}: is a directory, not a file", directory.Output);
    }

    [Fact]
    public async Task ASweepFileLargerThanAnyValidOneIsRefusedUnread()
    {
        var path = Path.Combine(folder, "huge.yaml");
        using (var file = File.Create(path))
            file.SetLength(64L << 20);                                                  // sparse: 64 MB that cost no disk

        using var cli = CliProcess.Start("sweep", "validate", path);

        Assert.NotEqual(0, await cli.WaitForExit(seconds: 120));
        Assert.Contains($"sweep file {path}: 67,108,864 bytes is larger than the limit of 1,048,576 bytes", cli.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private string MakeFifo()
    {
        var path = Path.Combine(folder, "sweep.yaml");
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
