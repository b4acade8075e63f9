using System.Text;

namespace MinRnnLab.Web.Tests;

/// <summary>Large sweep files for the editor's limits: a real sweep followed by comment lines, which the parser skips.</summary>
internal static class PaddedSweep
{
    /// <summary>The sweep padded to exactly <paramref name="bytes"/> bytes of UTF-8 (ASCII, so as many characters).</summary>
    public static string To(string sweep, int bytes)
    {
        var text = new StringBuilder(sweep).Append('\n');
        while (text.Length < bytes - 80)
            text.Append("# a note that only makes the file larger: the parser reads past comments\n");
        var dots = bytes - text.Length - 2;
        text.Append('#').Append('.', dots).Append('\n');
        return text.ToString();
    }
}
