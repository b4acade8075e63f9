namespace MinRnnLab.Tests.Shared;

/// <summary>
/// Deeply nested YAML that once overflowed the stack of whoever loaded it (issue 13): each case with where the
/// loader must stop it (1-based line and column) and what it must say. Linked into every test project that
/// feeds sweep or config text to an entry point; a test that survives these in-process proves the process does.
/// </summary>
public static class DeepYaml
{
    public const int Levels = 100_000;

    public const string TooDeep = "nesting deeper than 64 levels";
    public const string TooLong = "longer than the limit of 262,144 characters";

    public sealed record Case(string Name, string Text, int Line, int Column, string Message)
    {
        public override string ToString() => Name;
    }

    public static IReadOnlyList<Case> All { get; } =
    [
        // 400,000 characters: over the size limit before its depth is looked at.
        new("100,000 levels of {a: ", Repeat("{a: ", Levels), 1, 1, TooLong),
        // The upload: 240,000 characters, under the 256 KiB web cap; the 65th `{` is at column 4 × 64 + 1.
        new("60,000 levels of {a: ", Repeat("{a: ", 60_000), 1, 257, TooDeep),
        new("100,000 levels of [", new string('[', Levels), 1, 65, TooDeep),
        new("100,000 levels of block lists (- - - x)", Repeat("- ", Levels) + "x\n", 1, 129, TooDeep),
        // Indenting one more column per level, 700 levels already take 245,000 characters: more cannot be uploaded.
        new("700 levels of indented a:", IndentedMappings(700), 65, 65, TooDeep),
    ];

    /// <summary>xunit member data: one row per case.</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var c in All)
                names.Add(c.Name);
            return names;
        }
    }

    public static Case Named(string name) => All.Single(c => c.Name == name);

    /// <summary>`a:\n a:\n  a:\n…`: block mappings, each indented one column more than its parent.</summary>
    public static string IndentedMappings(int levels) =>
        string.Concat(Enumerable.Range(0, levels).Select(i => new string(' ', i) + "a:\n"));

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));
}
