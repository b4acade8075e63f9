using System.Text.RegularExpressions;

namespace MinRnnLab.Config;

/// <summary>
/// What a tag, a note and a display name may be: the one set of rules the sweep file's parser, the grains (which
/// take labels from any client) and the editors check. Bounded because labels are grain state, are listed with every
/// sweep and travel in every export; tags are single words so that `tag:x` searches and CLI arguments need no quoting.
/// </summary>
public static partial class LabelRules
{
    public const int MaxTags = 16;
    public const int MaxTagLength = 32;
    public const int MaxNotesLength = 4_000;
    public const int MaxNameLength = 80;

    /// <summary>Null when <paramref name="tag"/> is a valid tag, else what is wrong with it.</summary>
    public static string? TagProblem(string? tag) => tag switch
    {
        null or "" => "a tag cannot be empty",
        { Length: > MaxTagLength } => $"tag '{tag[..MaxTagLength]}…': expected at most {MaxTagLength} characters, found {tag.Length}",
        _ when !TagPattern().IsMatch(tag) => $"tag '{tag}': expected letters, digits, '.', '_', ':' or '-' (starting with a letter or digit)",
        _ => null,
    };

    /// <summary>Null when <paramref name="notes"/> are acceptable, else what is wrong with them.</summary>
    public static string? NotesProblem(string? notes) => notes switch
    {
        null => "notes cannot be null; use \"\" for none",
        { Length: > MaxNotesLength } => $"notes: expected at most {MaxNotesLength} characters, found {notes.Length}",
        _ when notes.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) => "notes: control characters other than line breaks and tabs are not allowed",
        _ => null,
    };

    /// <summary>Null when <paramref name="name"/> (null: none) is an acceptable display name, else what is wrong with it.</summary>
    public static string? NameProblem(string? name) => name switch
    {
        null => null,
        { Length: > MaxNameLength } => $"name: expected at most {MaxNameLength} characters, found {name.Length}",
        _ when name.Any(char.IsControl) => "name: expected one line without control characters",
        _ => null,
    };

    public static void ThrowIfBadTag(string? tag)
    {
        if (TagProblem(tag) is { } problem)
            throw new ArgumentException(problem, nameof(tag));
    }

    public static void ThrowIfBadNotes(string? notes)
    {
        if (NotesProblem(notes) is { } problem)
            throw new ArgumentException(problem, nameof(notes));
    }

    public static void ThrowIfBadName(string? name)
    {
        if (NameProblem(name) is { } problem)
            throw new ArgumentException(problem, nameof(name));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$")]
    private static partial Regex TagPattern();
}
