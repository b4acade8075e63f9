using System.Globalization;
using System.Runtime.InteropServices;

namespace MinRnnLab.Config;

/// <summary>
/// A path a user hands the platform (a sweep file, a `--config` file, a corpus), checked before it is opened: it must
/// be a regular file no larger than the caller's limit. Opening a FIFO blocks until someone writes to it (`sweep
/// validate` on one blocked for good and ignored SIGTERM); /dev/zero or /dev/urandom never end; a directory is no file.
/// The type and size come from statx(2), which reads neither the file nor a FIFO's writer.
/// </summary>
public static class UserFile
{
    /// <summary>Throws a ConfigException saying what <paramref name="path"/> is when it is not a regular file of at most <paramref name="maxBytes"/>.</summary>
    /// <param name="what">What the file is for, as the error names it ("sweep file", "config file", "corpus").</param>
    public static void Require(string path, long maxBytes, string what)
    {
        if (Directory.Exists(path))
            throw new ConfigException($"{what} {path}: is a directory, not a file");
        if (!File.Exists(path))
            throw new ConfigException($"{what} not found: {path}");
        var (type, size) = Stat(path);
        if (type is { } kind && kind != RegularFile)
            throw new ConfigException($"{what} {path}: is {Describe(kind)}, not a regular file; it is not read");
        size ??= new FileInfo(path).Length;
        if (size > maxBytes)
            throw new ConfigException(string.Create(CultureInfo.InvariantCulture,
                $"{what} {path}: {size:N0} bytes is larger than the limit of {maxBytes:N0} bytes; it is not read"));
    }

    private const int TypeMask = 0xF000, RegularFile = 0x8000;

    private static string Describe(int type) => type switch
    {
        0x1000 => "a FIFO (named pipe)",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        0x4000 => "a directory",
        _ => $"a special file (type 0x{type:x})",
    };

    /// <summary>The file type bits and size, following links; nulls where statx is not there (not Linux, old glibc).</summary>
    private static (int? Type, long? Size) Stat(string path)
    {
        if (!OperatingSystem.IsLinux())
            return (null, null);
        // struct statx is the same on every architecture: stx_mode (u16) at byte 28, stx_size (u64) at byte 40, 256 bytes.
        var buffer = new byte[256];
        try
        {
            if (statx(AtCurrentDirectory, path, 0, StatxType | StatxSize, buffer) != 0)
                return (null, null);
        }
        catch (EntryPointNotFoundException)
        {
            return (null, null);
        }
        return (BitConverter.ToUInt16(buffer, 28) & TypeMask, (long)BitConverter.ToUInt64(buffer, 40));
    }

    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1, StatxSize = 0x200;

    // DllImport rather than LibraryImport, which would need unsafe code enabled for the project (as GlibcAllocator).
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
