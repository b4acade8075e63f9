using System.Text;

namespace MinRnnLab.Config;

/// <summary>
/// A GitHub-flavoured Markdown table. It lives here, the TorchSharp-free base, because both the benchmark files
/// (Training) and the sweep report (Client, which must build without libtorch) write one.
/// </summary>
public static class MarkdownTable
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        text.AppendLine($"| {string.Join(" | ", header)} |");
        text.AppendLine($"|{string.Concat(header.Select(_ => "---|"))}");
        foreach (var row in rows)
            text.AppendLine($"| {string.Join(" | ", row)} |");
        return text.ToString();
    }
}
