using Spectre.Console;

namespace MinRnnLab.Cli;

/// <summary>
/// Output read by a program or a file rather than a terminal has no width: Spectre.Console would assume 80 columns
/// and wrap every table cell to fit (`sweep report | less`, `> report.txt`). Tables there are as wide as their content.
/// </summary>
public static class PipedOutput
{
    /// <summary>Wide enough for any table the commands draw; a terminal keeps its own width.</summary>
    public const int Width = 1000;

    public static void KeepTablesWhole()
    {
        if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = Width;
    }
}
