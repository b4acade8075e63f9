using System.Text;
using MinRnnLab.Sweeps;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Services;

/// <summary>
/// What the New-sweep page found in one version of the editor's text. Version numbers every edit, template and
/// upload; the page shows a check only while its version is the editor's, so a slow check of older text (or text
/// the server never received) can never pass for the text on screen. Definition is the text as parsed, when valid:
/// what the page submits with it, so the text is not parsed again before it reaches the sweep grain.
/// </summary>
public sealed record SweepCheck(int Version, string Text, IReadOnlyList<SweepError> Errors, long TrialCount, long? TooLargeBytes,
    SweepDefinition? Definition = null)
{
    /// <summary>
    /// The most sweep text the page accepts, typed or uploaded (UTF-8 bytes). It is the parser's character limit, so
    /// text under it is never refused by the parser for size. The circuit's message limit is sized from it.
    /// </summary>
    public const int MaxBytes = BoundedYaml.MaxChars;

    /// <summary>
    /// The largest message the browser sends while editing: the text at MaxBytes, JSON-encoded (any character may
    /// escape to six, \u0001), plus room for the call around it.
    /// </summary>
    public const long MaxCircuitMessageBytes = 6L * MaxBytes + 64 * 1024;

    /// <summary>The empty editor a page starts with.</summary>
    public static SweepCheck Empty { get; } = new(0, "", [], 0, null);

    public bool IsValid => TooLargeBytes is null && Errors.Count == 0;

    /// <summary>Parses with the parser the grain runs, so what passes here is what the cluster accepts.</summary>
    public static SweepCheck Run(int version, string text, string fileName)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxBytes)
            return TooLarge(version, bytes);
        var result = SweepParser.Parse(text, fileName);
        return new SweepCheck(version, text, result.Errors, result.IsValid ? TrialExpander.Count(result.Definition!) : 0, null, result.Definition);
    }

    /// <summary>Text over MaxBytes: the browser sends only its size, so there is nothing to parse or submit.</summary>
    public static SweepCheck TooLarge(int version, long bytes) => new(version, "", [], 0, bytes);

    public string TooLargeMessage => $"The text is {Kib(TooLargeBytes ?? 0)}; a sweep file may be at most {Kib(MaxBytes)}. Nothing was checked.";

    private static string Kib(long bytes) => $"{bytes / 1024.0:0.#} KB";
}
