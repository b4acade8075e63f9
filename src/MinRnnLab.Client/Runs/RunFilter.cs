using System.Text.RegularExpressions;

namespace MinRnnLab.Client.Runs;

/// <summary>
/// The Runs page's filter, as a reader types it: clauses joined by `and`, each `key op value` or a bare word.
/// <list type="bullet">
/// <item>`arch = mingru`, `arch = mingru|minlstm` (either), `state != failed`: equal as numbers when both are
/// numbers (`learning_rate = 0.003` finds "3e-3"), else as text ignoring case.</item>
/// <item>`learning_rate &lt; 3e-3`, `best &lt;= 1.9`: numbers only; a run without the key never matches.</item>
/// <item>`sweep ~ paper` contains, `!~` does not; `tag = baseline` finds a run or its sweep tagged so.</item>
/// <item>A bare word (`mamba`, `"long run"`) finds runs whose name, sweep, architecture or tags contain it.</item>
/// </list>
/// Keys are the table's column keys (<see cref="RunColumns"/>). Parse errors say which clause and why.
/// </summary>
public sealed partial class RunFilter
{
    /// <summary>Matches every run.</summary>
    public static RunFilter All { get; } = new([]);

    private readonly IReadOnlyList<Func<RunRow, bool>> clauses;

    private RunFilter(IReadOnlyList<Func<RunRow, bool>> clauses) => this.clauses = clauses;

    public bool Matches(RunRow row) => clauses.All(clause => clause(row));

    /// <summary>
    /// The filter of <paramref name="text"/> over <paramref name="columns"/> (a blank text matches all), or the reason
    /// it is not one: an unknown key (with the known ones), an operator that needs a number, an empty clause.
    /// </summary>
    public static (RunFilter? Filter, string? Error) Parse(string? text, IReadOnlyList<RunColumn> columns)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (All, null);
        if (text.Length > MaxLength)
            return (null, $"the filter is {text.Length} characters; at most {MaxLength}");
        var byKey = columns.ToDictionary(c => c.Key, StringComparer.OrdinalIgnoreCase);
        var clauses = new List<Func<RunRow, bool>>();
        foreach (var part in AndSeparator().Split(text))
        {
            var (clause, error) = ParseClause(part.Trim(), byKey);
            if (error is not null)
                return (null, error);
            clauses.Add(clause!);
        }
        return (new RunFilter(clauses), null);
    }

    public const int MaxLength = 1000;

    private static (Func<RunRow, bool>? Clause, string? Error) ParseClause(string part, IReadOnlyDictionary<string, RunColumn> byKey)
    {
        if (part.Length == 0)
            return (null, "an empty clause: 'and' needs something on both sides");
        var match = Comparison().Match(part);
        if (!match.Success)
            return (FreeText(Unquote(part)), null);
        var (key, op, value) = (match.Groups["key"].Value, match.Groups["op"].Value, Unquote(match.Groups["value"].Value.Trim()));
        if (value.Length == 0)
            return (null, $"'{part}': nothing after '{op}'");
        if (key.Equals("tag", StringComparison.OrdinalIgnoreCase) || key.Equals("tags", StringComparison.OrdinalIgnoreCase))
            return TagClause(part, op, value);
        if (!byKey.TryGetValue(key, out var column))
            return (null, $"'{part}': no column '{key}'; the keys are {string.Join(", ", byKey.Keys)}");
        return op switch
        {
            "=" => (Equal(column, value), null),
            "!=" => (NotOf(Equal(column, value)), null),
            "~" => (Contains(column, value), null),
            "!~" => (NotOf(Contains(column, value)), null),
            _ => RunColumns.ParseNumber(value) is { } number
                ? (Ordered(column, op, number), null)
                : (null, $"'{part}': '{op}' compares numbers, and '{value}' is not one"),
        };
    }

    private static (Func<RunRow, bool>? Clause, string? Error) TagClause(string part, string op, string value)
    {
        bool Has(RunRow row) => row.Tags.Any(t => op is "~" or "!~"
            ? t.Contains(value, StringComparison.OrdinalIgnoreCase)
            : t.Equals(value, StringComparison.OrdinalIgnoreCase));
        return op switch
        {
            "=" or "~" => (Has, null),
            "!=" or "!~" => (row => !Has(row), null),
            _ => (null, $"'{part}': tags are matched with =, !=, ~ or !~"),
        };
    }

    // `a|b` means either; numbers compare as numbers so 0.003 finds a run written 3e-3.
    private static Func<RunRow, bool> Equal(RunColumn column, string value)
    {
        var alternatives = value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(v => (Text: v, Number: RunColumns.ParseNumber(v))).ToArray();
        return row =>
        {
            var text = column.Text(row);
            var number = RunColumns.ParseNumber(text);
            return text is not null && alternatives.Any(a => a.Number is { } n && number is { } m
                ? n == m
                : string.Equals(a.Text, text, StringComparison.OrdinalIgnoreCase));
        };
    }

    private static Func<RunRow, bool> Contains(RunColumn column, string value) =>
        row => column.Text(row)?.Contains(value, StringComparison.OrdinalIgnoreCase) == true;

    private static Func<RunRow, bool> Ordered(RunColumn column, string op, double bound) => row =>
        (column.Number(row) ?? RunColumns.ParseNumber(column.Text(row))) is { } v && op switch
        {
            "<" => v < bound,
            "<=" => v <= bound,
            ">" => v > bound,
            _ => v >= bound,
        };

    private static Func<RunRow, bool> FreeText(string word) => row =>
        new[] { row.DisplayName, row.RunId, row.Sweep.DisplayName, row.Trial.Arch }.Concat(row.Tags)
            .Any(field => field.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static Func<RunRow, bool> NotOf(Func<RunRow, bool> clause) => row => !clause(row);

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

    // A whole word "and" (or &&): "android" is a word to look for, and a dangling "and" leaves an empty clause.
    [GeneratedRegex(@"(?<=^|\s)(?:and|&&)(?=\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex AndSeparator();

    // Two-character operators first, so `<=` is not read as `<` followed by "=…".
    [GeneratedRegex(@"^(?<key>[A-Za-z_][\w.\-]*)\s*(?<op>!=|<=|>=|!~|=|<|>|~)(?<value>.*)$")]
    private static partial Regex Comparison();
}
