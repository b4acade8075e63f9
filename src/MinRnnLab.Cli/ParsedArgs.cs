namespace MinRnnLab.Cli;

/// <summary>
/// `minrnn verb [sub] [--key value | --key=value | --flag]...`: positional words and named options, in order.
/// A `--flag` followed by another option (or nothing) reads as "true".
/// </summary>
public sealed class ParsedArgs
{
    private ParsedArgs(IReadOnlyList<string> positional, IReadOnlyList<(string Key, string Value)> options)
    {
        Positional = positional;
        Options = options;
    }

    public IReadOnlyList<string> Positional { get; }
    public IReadOnlyList<(string Key, string Value)> Options { get; }

    public static ParsedArgs Parse(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        var options = new List<(string, string)>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positional.Add(arg);
                continue;
            }
            var body = arg[2..];
            var equals = body.IndexOf('=');
            if (equals >= 0)
                options.Add((body[..equals], body[(equals + 1)..]));
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                options.Add((body, args[++i]));
            else
                options.Add((body, "true"));
        }
        return new ParsedArgs(positional, options);
    }

    public string? Get(string key) => Options.LastOrDefault(o => o.Key == key).Value;

    public bool Flag(string key) => Get(key) is { } v && bool.TryParse(v, out var b) && b;

    public int GetInt(string key, int fallback) => Get(key) is { } v
        ? int.TryParse(v, out var n) ? n : throw new UsageException($"--{key} expects an integer, got '{v}'")
        : fallback;

    public int GetPositiveInt(string key, int fallback)
    {
        var value = GetInt(key, fallback);
        return value > 0 ? value : throw new UsageException($"--{key} must be at least 1, got {value}");
    }

    public double GetDouble(string key, double fallback) => Get(key) is { } v
        ? double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : throw new UsageException($"--{key} expects a number, got '{v}'")
        : fallback;

    /// <summary>The same command line with <paramref name="key"/> set to <paramref name="value"/> alone.</summary>
    public ParsedArgs With(string key, string value) =>
        new(Positional, [.. Options.Where(o => o.Key != key), (key, value)]);

    /// <summary>Options other than the command's own, in order: config overrides.</summary>
    public IEnumerable<(string Key, string Value)> Except(params string[] own) => Options.Where(o => !own.Contains(o.Key));
}

/// <summary>The command line itself is wrong; the message says how.</summary>
public sealed class UsageException(string message) : Exception(message);
