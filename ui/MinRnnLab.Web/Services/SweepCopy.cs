using System.Text.RegularExpressions;

namespace MinRnnLab.Web.Services;

/// <summary>
/// "Clone &amp; edit": a submitted sweep's file, verbatim but for its top-level name, which gets a "-copy" suffix
/// (then -copy-2, -copy-3…) so the new sweep is told apart from the one it came from in lists and reports.
/// </summary>
public static partial class SweepCopy
{
    public static string Rename(string yaml)
    {
        var match = NameLine().Match(yaml);
        if (!match.Success)
            return yaml;                                                                // no name: the parser's error will say so
        var value = match.Groups["value"].Value;
        if (value.Length == 0)
            return yaml;
        var quote = value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[0].ToString() : "";
        var name = quote.Length == 0 ? value : value[1..^1];
        var renamed = quote + Next(name) + quote;
        return yaml[..match.Groups["value"].Index] + renamed + yaml[(match.Groups["value"].Index + value.Length)..];
    }

    private static string Next(string name)
    {
        var copy = CopySuffix().Match(name);
        if (!copy.Success)
            return name + "-copy";
        var n = copy.Groups["n"].Success ? int.Parse(copy.Groups["n"].Value) : 1;
        return name[..copy.Index] + $"-copy-{n + 1}";
    }

    // The top-level key only (no indentation): a nested `name:` belongs to something else. A trailing comment stays.
    [GeneratedRegex(@"^name:[ \t]*(?<value>[^#\r\n]*?)[ \t]*(?=#|\r?$)", RegexOptions.Multiline)]
    private static partial Regex NameLine();

    [GeneratedRegex(@"-copy(-(?<n>\d{1,6}))?$")]
    private static partial Regex CopySuffix();
}
