using System.Text;

namespace MinRnnLab.Storage.Tests;

/// <summary>The run log's file: stamped lines appended, and a tail read from the end.</summary>
public class RunLogTests
{
    [Fact]
    public void TailReturnsTheLastLinesOfABigLogReadingOnlyItsEnd()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 200_000; i++)
            text.Append($"2025-01-01T00:00:00.000Z step {i}: train loss 1.2345, val loss 1.3456 → é\n");
        using var log = new CountingStream(Encoding.UTF8.GetBytes(text.ToString()));          // about 14 MB

        var lines = RunLog.Tail(log, 500);

        Assert.Equal(500, lines.Length);
        Assert.Equal("2025-01-01T00:00:00.000Z step 199500: train loss 1.2345, val loss 1.3456 → é", lines[0]);
        Assert.EndsWith("step 199999: train loss 1.2345, val loss 1.3456 → é", lines[^1]);
        // The 500 lines are about 40 kB: scanned back to once, then decoded once.
        Assert.True(log.BytesRead < 150_000, $"read {log.BytesRead} bytes of {log.Length}");
    }

    [Fact]
    public void TailOfALogShorterThanAskedReturnsAllOfIt()
    {
        using var log = new CountingStream(Encoding.UTF8.GetBytes("a\nb\nc\n"));

        Assert.Equal(["a", "b", "c"], RunLog.Tail(log, 500));
    }

    [Fact]
    public void AMissingLogHasNoLinesYet()
    {
        Assert.Empty(RunLog.Tail(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "run.log"), 500));
    }

    [Fact]
    public void EachWrittenLineIsStampedWithTheUtcTimeAndAppended()
    {
        var path = Path.Combine(Path.GetTempPath(), "minrnn-lab-tests", Guid.NewGuid().ToString("N"), "run.log");
        var log = new RunLog(path);

        log.Write("step 0: train loss 4.1000, val loss 4.2000");
        log.Write("failed: boom\r\n   at Somewhere()");

        var lines = RunLog.Tail(path, 10);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ", line));
        Assert.EndsWith(" step 0: train loss 4.1000, val loss 4.2000", lines[0]);
        Assert.EndsWith(" failed: boom", lines[1]);
        Assert.EndsWith("    at Somewhere()", lines[2]);
        Assert.False(File.ReadAllBytes(path).AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte-order mark");
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    /// <summary>A log in memory that counts the bytes read from it.</summary>
    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public long BytesRead { get; private set; }

        // A derived MemoryStream's span reads come through here too.
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }
    }
}
