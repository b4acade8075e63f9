using System.Globalization;
using System.Text;

namespace MinRnnLab.Storage;

/// <summary>
/// A run's log for people: an append-only UTF-8 text file, one event a line, each line prefixed with the UTC
/// time. Every write opens, appends and closes, so nothing sits in a buffer when the process dies, no handle is
/// held, and any silo sharing the artifacts volume can read it while a worker writes.
/// </summary>
public sealed class RunLog(string path)
{
    private const int BlockSize = 8192;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly Lock writing = new();

    public string Path { get; } = path;

    /// <summary>
    /// Appends <paramref name="text"/>. Each of its lines gets the time prefix, so a multi-line error stays
    /// greppable. A log that cannot be written (full disk) is skipped: it must never stop the training it describes.
    /// </summary>
    public void Write(string text)
    {
        var stamp = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var lines = text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var entry = string.Concat(lines.Select(line => $"{stamp} {line}\n"));
        lock (writing)
        {
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
                File.AppendAllText(Path, entry, Utf8);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>The last <paramref name="count"/> lines of the log at <paramref name="path"/>; empty when there is no log yet.</summary>
    public static string[] Tail(string path, int count)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            return Tail(file, count);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <summary>
    /// The last <paramref name="count"/> lines of a seekable stream, found by reading backwards from the end in
    /// blocks: a long log costs only the part shown. Splitting at '\n' bytes is safe in UTF-8, where that byte
    /// never occurs inside a multi-byte character.
    /// </summary>
    public static string[] Tail(Stream stream, int count)
    {
        if (count <= 0 || stream.Length == 0)
            return [];
        var block = new byte[BlockSize];
        // The file's final '\n' ends its last line; it is not a line break before another one.
        var scanEnd = stream.Length - (LastByte(stream, block) == '\n' ? 1 : 0);
        var start = 0L;
        var found = 0;
        for (var blockEnd = scanEnd; blockEnd > 0 && start == 0; )
        {
            var size = (int)Math.Min(BlockSize, blockEnd);
            var blockStart = blockEnd - size;
            stream.Position = blockStart;
            stream.ReadExactly(block, 0, size);
            for (var i = size - 1; i >= 0; i--)
            {
                if (block[i] == '\n' && ++found == count)
                {
                    start = blockStart + i + 1;
                    break;
                }
            }
            blockEnd = blockStart;
        }
        stream.Position = start;
        var tail = new byte[stream.Length - start];
        stream.ReadExactly(tail);
        return Utf8.GetString(tail).TrimEnd('\n').Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
    }

    private static int LastByte(Stream stream, byte[] buffer)
    {
        stream.Position = stream.Length - 1;
        stream.ReadExactly(buffer, 0, 1);
        return buffer[0];
    }
}
