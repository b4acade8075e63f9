namespace MinRnnLab.Sweeps.Tests.Fuzz;

/// <summary>
/// One fuzz input through parse → validate → expand. It must be accepted (and expand within the trial limit) or
/// rejected with errors located inside the document; anything else — an exception, an unlocated error, a grid
/// over the limit — fails the case with what went wrong.
/// </summary>
internal static class FuzzCase
{
    public const string FileName = "fuzz.yaml";

    /// <summary>Trials built per accepted case: enough to bind real configurations, few enough for 10,000 cases.</summary>
    private const int TrialsExpanded = 20;

    /// <summary>The parse result; throws on any broken promise (the caller records it as a crasher).</summary>
    public static SweepParseResult Check(string text)
    {
        var result = SweepParser.Parse(text, FileName);
        if (result.IsValid)
            Expand(result.Definition!);
        else
            CheckLocated(text, result.Errors);
        return result;
    }

    private static void Expand(SweepDefinition sweep)
    {
        var count = TrialExpander.Count(sweep);
        if (count > SweepKeys.MaxTrials)
            throw new FuzzFailure($"accepted a sweep of {count} trials, above the limit of {SweepKeys.MaxTrials}");
        var expected = 0;
        foreach (var trial in TrialExpander.Expand(sweep).Take(TrialsExpanded))
        {
            if (trial.Index != expected++)
                throw new FuzzFailure($"trial {trial.Index} came where trial {expected - 1} was due");
        }
        if (expected < Math.Min(count, TrialsExpanded))
            throw new FuzzFailure($"Count said {count} trials, Expand gave {expected}");
    }

    private static void CheckLocated(string text, IReadOnlyList<SweepError> errors)
    {
        if (errors.Count == 0)
            throw new FuzzFailure("rejected without an error");
        var lines = YamlLines(text);
        foreach (var error in errors)
        {
            if (error.File != FileName || error.Line < 1 || error.Line > lines.Length || error.Column < 1 || error.Column > lines[error.Line - 1].Length + 1)
                throw new FuzzFailure($"error outside the document ({lines.Length} lines): {error}");
        }
    }

    /// <summary>Lines as YAML counts them (YamlDotNet also breaks at NEL and the Unicode line and paragraph separators).</summary>
    private static string[] YamlLines(string text) => text.Replace("\r\n", "\n").Split(['\n', '\r', '\u0085', '\u2028', '\u2029']);
}

/// <summary>A fuzz case that broke a promise without throwing: an unlocated error or an unbounded sweep.</summary>
internal sealed class FuzzFailure(string message) : Exception(message);
