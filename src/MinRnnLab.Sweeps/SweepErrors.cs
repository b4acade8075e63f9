using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MinRnnLab.Sweeps;

/// <summary>Collects every error found in one file: readers report here instead of throwing, so one pass finds them all.</summary>
internal sealed class SweepErrors(string file)
{
    /// <summary>Messages quote what they found, and a file may hold a 250,000-character key: longer ones keep their ends.</summary>
    public const int MaxMessageLength = 2_000;

    private readonly List<SweepError> errors = [];

    public int Count => errors.Count;

    public void Add(YamlNode node, string message) => Add(node.Start, message);

    public void Add(Mark mark, string message) => Add(mark.Line, mark.Column, message);

    public void Add(long line, long column, string message) => errors.Add(new SweepError(file, (int)line, (int)column, Shortened(message)));

    private static string Shortened(string message) => message.Length <= MaxMessageLength
        ? message
        : string.Concat(message.AsSpan(0, MaxMessageLength - 500), " … ", message.AsSpan(message.Length - 497));

    /// <summary>In file order, so a reader fixes them top to bottom.</summary>
    public IReadOnlyList<SweepError> Sorted() => errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToArray();
}
