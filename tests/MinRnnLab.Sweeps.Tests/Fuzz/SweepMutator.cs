using System.Globalization;
using System.Text;

namespace MinRnnLab.Sweeps.Tests.Fuzz;

/// <summary>
/// Hostile variants of real sweep files: each case is 1–4 mutations of one seed file, chosen by a generator
/// seeded with the case's number, so any case can be rebuilt from (run seed, case index) alone.
/// </summary>
internal sealed class SweepMutator(IReadOnlyList<string> seeds)
{
    /// <summary>Characters that mean something to YAML, or to the sweep reader.</summary>
    private const string Syntax = "{}[]:,-#&*!|>'\"%@`?\t\n\r =.0123456789eE+";

    private static readonly string[] OddText =
    [
        "\uFEFF", "\0", "\uD800", "\uDFFF", "\uD83D\uDE00", "\u202E", "\u200F", "\u0301\u0301\u0301", "\u2028", "\u0085",
        "\u00A0", "\u3000", "\uFFFE", "\uFFFF", "\u001B[31m", "\t",
    ];

    private static readonly string[] YamlTokens =
    [
        "&a ", "*a", "? ", "!!str ", "!!int ", "!!binary ", "!<tag:x> ", "<<: ", "%YAML 1.1\n", "%TAG ! tag:x,\n", "---\n", "...\n",
        "|\n", ">-\n", "'", "\"", "\"\\u0000\"", "\"\\uD800\"", "~", "null", ".inf", "-.inf", ".nan", "0x1F", "0o17", "1_000",
        "1e308", "-1e308", "4.9e-324", "2147483648", "-2147483649", "9223372036854775808", "NaN", "Infinity", "true", "[]", "{}",
    ];

    private static readonly string[] DeepOpeners = ["{a: ", "[", "- ", "{", "[{a: "];

    public IReadOnlyList<string> Seeds => seeds;

    /// <summary>Case <paramref name="index"/> of the run seeded with <paramref name="runSeed"/>.</summary>
    public (int SeedFile, string Text) Case(int runSeed, int index)
    {
        var random = new Random(unchecked(runSeed * 1_000_003 + index));   // not HashCode.Combine: it is salted per process
        var seedFile = random.Next(seeds.Count);
        var text = seeds[seedFile];
        for (var n = random.Next(1, 5); n > 0; n--)
            text = Mutate(random, text);
        return (seedFile, text);
    }

    /// <summary>One mutation; small edits are drawn more often than the large, slow-to-build ones.</summary>
    private string Mutate(Random random, string text) => random.Next(17) switch
    {
        < 2 => FlipCharacter(random, text),
        2 => FlipBit(random, text),
        3 => Truncate(random, text),
        4 => DuplicateLine(random, text),
        5 => DeleteLine(random, text),
        6 => SwapLines(random, text),
        7 => Reindent(random, text),
        8 or 9 => Splice(random, text),
        10 or 11 => InsertYamlToken(random, text),
        12 => ReplaceNumber(random, text),
        13 => InsertOddText(random, text),
        14 => Nest(random, text),
        15 => HugeScalar(random, text),
        _ => LongList(random, text),
    };

    private static string FlipCharacter(Random random, string text)
    {
        if (text.Length == 0)
            return text;
        var at = random.Next(text.Length);
        var by = random.Next(4) == 0 ? (char)random.Next(0, 0x3000) : Syntax[random.Next(Syntax.Length)];
        return string.Concat(text.AsSpan(0, at), by.ToString(), text.AsSpan(at + 1));
    }

    /// <summary>One bit of the file's UTF-8 flipped, decoded as an upload or `File.ReadAllText` would (bad bytes become U+FFFD).</summary>
    private static string FlipBit(Random random, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length == 0)
            return text;
        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        return Encoding.UTF8.GetString(bytes);
    }

    private static string Truncate(Random random, string text) => text[..random.Next(text.Length + 1)];

    private static string DuplicateLine(Random random, string text)
    {
        var lines = Lines(text);
        lines.Insert(random.Next(lines.Count + 1), lines[random.Next(lines.Count)]);
        return Join(lines);
    }

    private static string DeleteLine(Random random, string text)
    {
        var lines = Lines(text);
        lines.RemoveAt(random.Next(lines.Count));
        return Join(lines);
    }

    private static string SwapLines(Random random, string text)
    {
        var lines = Lines(text);
        var (a, b) = (random.Next(lines.Count), random.Next(lines.Count));
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return Join(lines);
    }

    private static string Reindent(Random random, string text)
    {
        var lines = Lines(text);
        var at = random.Next(lines.Count);
        var indent = random.Next(3) switch { 0 => "", 1 => "\t", _ => new string(' ', random.Next(1, 9)) };
        lines[at] = indent + lines[at].TrimStart();
        return Join(lines);
    }

    /// <summary>Lines of another seed, spliced in: whole sections meet other files' headers.</summary>
    private string Splice(Random random, string text)
    {
        var lines = Lines(text);
        var donor = Lines(seeds[random.Next(seeds.Count)]);
        var from = random.Next(donor.Count);
        var count = random.Next(1, Math.Min(12, donor.Count - from) + 1);
        lines.InsertRange(random.Next(lines.Count + 1), donor.GetRange(from, count));
        return Join(lines);
    }

    private static string InsertYamlToken(Random random, string text) => InsertAt(random, text, YamlTokens[random.Next(YamlTokens.Length)]);

    private static string InsertOddText(Random random, string text) =>
        random.Next(4) == 0 ? OddText[random.Next(OddText.Length)] + text : InsertAt(random, text, OddText[random.Next(OddText.Length)]);

    /// <summary>A number in the file replaced by an extreme one (overflow, zero, negative, non-finite).</summary>
    private static string ReplaceNumber(Random random, string text)
    {
        var digits = Enumerable.Range(0, text.Length).Where(i => char.IsAsciiDigit(text[i]) && (i == 0 || !char.IsAsciiDigit(text[i - 1]))).ToList();
        if (digits.Count == 0)
            return text;
        var start = digits[random.Next(digits.Count)];
        var end = start;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or 'e' or '-'))
            end++;
        string[] extremes = ["0", "-1", "-0", "1e-320", "1e308", "1e309", "2147483647", "2147483648", "99999999999999999999", ".nan", "1e15", "10000", "10001"];
        return string.Concat(text.AsSpan(0, start), extremes[random.Next(extremes.Length)], text.AsSpan(end));
    }

    /// <summary>Up to 100,000 opening brackets or list dashes: the stack overflow.</summary>
    private static string Nest(Random random, string text)
    {
        var levels = random.Next(8) == 0 ? random.Next(60_000, 100_001) : random.Next(1, 200);
        var opener = DeepOpeners[random.Next(DeepOpeners.Length)];
        var deep = new StringBuilder(opener.Length * levels);
        for (var i = 0; i < levels; i++)
            deep.Append(opener);
        return InsertAt(random, text, deep.ToString());
    }

    /// <summary>A scalar of up to 300,000 characters, either side of the size limit.</summary>
    private static string HugeScalar(Random random, string text)
    {
        var length = random.Next(8) == 0 ? random.Next(200_000, 300_000) : random.Next(1_000, 20_000);
        return InsertAt(random, text, new string((char)random.Next('a', 'z' + 1), length));
    }

    /// <summary>A `values` list of up to 30,000 entries: grid size, duplicate detection and error counts at scale.</summary>
    private static string LongList(Random random, string text)
    {
        var count = random.Next(8) == 0 ? random.Next(5_000, 30_000) : random.Next(2, 200);
        var repeat = random.Next(3) == 0;   // all equal: one duplicate error per entry
        var values = string.Join(", ", Enumerable.Range(0, count).Select(i => repeat ? "1" : (i + 1).ToString(CultureInfo.InvariantCulture)));
        var key = new[] { "n_layer", "n_head", "learning_rate", "dropout", "arch", "max_iters" }[random.Next(6)];
        return InsertAt(random, text, $"\n  {key}: {{values: [{values}]}}\n");
    }

    private static string InsertAt(Random random, string text, string insert)
    {
        var at = random.Next(text.Length + 1);
        return string.Concat(text.AsSpan(0, at), insert, text.AsSpan(at));
    }

    private static List<string> Lines(string text) => [.. text.Split('\n')];

    private static string Join(List<string> lines) => string.Join('\n', lines);
}
