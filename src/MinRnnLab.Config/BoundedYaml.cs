using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Config;

/// <summary>
/// Loads YAML only after one streaming pass over the parser's events has shown it small, at most
/// <see cref="MaxDepth"/> levels deep and free of aliases. YamlDotNet's loader recurses once per nesting level
/// and hashes mapping keys recursively, so a deeply nested or self-referencing file (`? &amp;k [*k]`) overflows
/// the stack — which .NET cannot catch: the process ends, and in the embedded web app the silo with it.
/// The event pass keeps no stack of its own, and the loader then reads the very events it checked.
/// Every sweep file and `--config` file is read through here.
/// </summary>
public static class BoundedYaml
{
    /// <summary>Sweep files nest 5 levels (parameters → key → when → arch → list); config files 1.</summary>
    public const int MaxDepth = 64;

    /// <summary>The web's upload cap (256 KiB): a file the New sweep page accepts always fits.</summary>
    public const int MaxChars = 256 * 1024;

    private static readonly Mark FileStart = new(0, 1, 1);

    /// <summary>
    /// The parsed documents; throws <see cref="YamlLimitException"/> (a located limit) or YamlException
    /// (invalid YAML, located), at the first problem in file order.
    /// </summary>
    public static YamlStream Load(string text)
    {
        if (text.Length > MaxChars)
            throw new YamlLimitException(FileStart, string.Create(CultureInfo.InvariantCulture,
                $"the file is longer than the limit of {MaxChars:N0} characters ({MaxChars / 1024} KiB)"));
        var (events, syntaxError) = CheckedEvents(text);
        var stream = new YamlStream();
        stream.Load(new EventReplay(events, syntaxError));
        return stream;
    }

    /// <summary>UTF-8 spends at most 4 bytes on a character: a longer file cannot be within <see cref="MaxChars"/>.</summary>
    public const long MaxFileBytes = 4L * MaxChars;

    /// <summary>
    /// A file's text for <see cref="Load"/>, read only to one character past the limit: enough for Load to reject it,
    /// without reading a huge file whole. A FIFO, a device, a directory or a file over <see cref="MaxFileBytes"/> is
    /// refused (a ConfigException) before it is opened.
    /// </summary>
    /// <param name="what">What the file is, as an error names it ("sweep file", "config file").</param>
    public static string ReadFile(string path, string what = "file")
    {
        UserFile.Require(path, MaxFileBytes, what);
        using var reader = new StreamReader(path);
        var buffer = new char[MaxChars + 1];
        var length = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, length);
    }

    /// <summary>
    /// Every event up to the end or to the parser's first error, which is kept to be thrown where the loader reaches
    /// it: a loader-only error earlier in the file (a duplicate key) is then still the one reported, as before.
    /// </summary>
    private static (List<ParsingEvent> Events, YamlException? SyntaxError) CheckedEvents(string text)
    {
        var parser = new Parser(new StringReader(text));
        var events = new List<ParsingEvent>();
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case MappingStart or SequenceStart when ++depth > MaxDepth:
                        throw new YamlLimitException(current.Start, $"nesting deeper than {MaxDepth} levels");
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                    case AnchorAlias alias:
                        // An alias can make a node contain itself, and shared nodes multiply the work of every later pass.
                        throw new YamlLimitException(current.Start, $"aliases (*{alias.Value}) are not supported: write the value out");
                }
                events.Add(current);
            }
            return (events, null);
        }
        catch (YamlLimitException)
        {
            throw;
        }
        catch (YamlException e)
        {
            return (events, WithinText(e, text));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18's scanner throws this, without a position, on some unclosed flow collections.
            var at = parser.Current?.End ?? FileStart;
            return (events, new YamlException(at, at, "the file ends or breaks off inside a { } or [ ] that was never closed"));
        }
    }

    /// <summary>
    /// The scanner places errors at the end of input on the line after a file's last one when the file has no final
    /// line break: a line no editor shows. Such an error is moved to the end of the last line.
    /// </summary>
    private static YamlException WithinText(YamlException e, string text)
    {
        var end = EndOf(text);
        if (e.Start.Line < end.Line || (e.Start.Line == end.Line && e.Start.Column <= end.Column))
            return e;
        return new YamlException(end, end, e.Message, e.InnerException);
    }

    /// <summary>Just past the last character, counting lines as YamlDotNet does (\r\n, \r, \n, NEL, LS, PS).</summary>
    private static Mark EndOf(string text)
    {
        var (line, column) = (1L, 1L);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                continue;                                                       // one break, counted at its \n
            if (text[i] is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
                (line, column) = (line + 1, 1);
            else
                column++;
        }
        return new Mark(text.Length, line, column);
    }

    /// <summary>Hands the checked events to YamlStream.Load as a parser would, then the parser's error if it had one.</summary>
    private sealed class EventReplay(List<ParsingEvent> events, YamlException? syntaxError) : IParser
    {
        private int next;

        public ParsingEvent? Current { get; private set; }

        public bool MoveNext()
        {
            if (next < events.Count)
            {
                Current = events[next++];
                return true;
            }
            if (syntaxError is not null)
                throw syntaxError;
            Current = null;
            return false;
        }
    }
}

/// <summary>A YAML file over one of <see cref="BoundedYaml"/>'s limits, at the place it goes over.</summary>
public sealed class YamlLimitException(Mark at, string message) : YamlException(at, at, message);
