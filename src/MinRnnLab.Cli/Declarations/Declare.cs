using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MinRnnLab.Cli.Declarations;

/// <summary>
/// The kinds of option the commands declare, each checked while the command line is parsed: a bad value is an error
/// that names the option before anything starts or connects.
/// </summary>
public static class Declare
{
    /// <summary>
    /// A whole number of at least <paramref name="minimum"/> (and at most <paramref name="maximum"/>); without a
    /// fallback, read it with <see cref="Given{T}"/>.
    /// </summary>
    public static Option<int> Count(string name, string description, int? fallback, int minimum = 1, int maximum = int.MaxValue,
        string helpName = "N")
    {
        var option = new Option<int>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result => ParseCount(result, name, fallback ?? 0, minimum, maximum),
        };
        if (fallback is { } value)
            option.DefaultValueFactory = _ => value;
        return option;
    }

    /// <summary>A finite number, above <paramref name="above"/> when given; without a fallback, read it with <see cref="Given{T}"/>.</summary>
    public static Option<double> Number(string name, string description, double? fallback, double? above = null, string helpName = "X")
    {
        var option = new Option<double>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result => ParseNumber(result, name, fallback ?? 0, above),
        };
        if (fallback is { } value)
            option.DefaultValueFactory = _ => value;
        return option;
    }

    /// <summary>Text: a path, a name, a connection string; <paramref name="required"/> ones are checked before anything runs.</summary>
    public static Option<string> Text(string name, string helpName, string description, string? fallback = null, bool required = false)
    {
        var option = new Option<string>(name) { Description = description, HelpName = helpName, Required = required };
        if (fallback is not null)
            option.DefaultValueFactory = _ => fallback;
        return option;
    }

    /// <summary>One of <paramref name="choices"/> (completed by the shell, and checked).</summary>
    public static Option<string> Choice(string name, string description, string? fallback, params string[] choices)
    {
        var option = Text(name, string.Join('|', choices), description, fallback);
        option.AcceptOnlyFromAmong(choices);
        return option;
    }

    /// <summary>
    /// A switch: present or not. It takes no value, so the word after it is never swallowed
    /// (`sweep submit --watch f.yaml` submits f.yaml).
    /// </summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>"64,512,4096" → [64, 512, 4096], repeats dropped; anything else is an error naming the option.</summary>
    public static Option<IReadOnlyList<int>> PositiveList(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "N,N,...",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result => ParsePositiveList(result, name),
    };

    /// <summary>The value given on the command line, or null when the option is absent (its default not applied).</summary>
    public static T? Given<T>(this ParseResult parse, Option<T> option) where T : struct =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;

    private static int ParseCount(ArgumentResult result, string name, int fallback, int minimum, int maximum)
    {
        if (result.Tokens.Count == 0)
            return fallback;
        var text = result.Tokens[^1].Value;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            result.AddError($"{name} expects an integer, got '{text}'");
        else if (value < minimum)
            result.AddError(minimum == 0 ? $"{name} expects a count of 0 or more, got {value}" : $"{name} must be at least {minimum}, got {value}");
        else if (value > maximum)
            result.AddError($"{name} must be at most {maximum.ToString("N0", CultureInfo.InvariantCulture)}, got {value}");
        return value;
    }

    private static double ParseNumber(ArgumentResult result, string name, double fallback, double? above)
    {
        if (result.Tokens.Count == 0)
            return fallback;
        var text = result.Tokens[^1].Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            result.AddError($"{name} expects a number, got '{text}'");
        else if (value <= above)
            result.AddError($"{name} must be above {above.Value.ToString(CultureInfo.InvariantCulture)}, got {text}");
        return value;
    }

    private static IReadOnlyList<int> ParsePositiveList(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[^1].Value;
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                result.AddError($"{name} expects positive integers separated by commas, got '{text}'");
                return [];
            }
            if (!values.Contains(n))
                values.Add(n);
        }
        if (values.Count == 0)
            result.AddError($"{name} is empty");
        return values;
    }
}
