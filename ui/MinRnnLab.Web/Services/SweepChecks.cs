namespace MinRnnLab.Web.Services;

/// <summary>
/// The New-sweep page's checks of its editor's text. Every change gets the next version; checks run off the
/// circuit's thread (a large file takes a moment to parse, and typing must not wait) and may finish in any order,
/// so only the check made for the latest version is ever current.
/// </summary>
public sealed class SweepChecks(Func<int, string, string, SweepCheck> run)
{
    private SweepCheck latest = SweepCheck.Empty;

    /// <summary>The version of the editor's text: 0 for the empty editor, one more for every change.</summary>
    public int Version { get; private set; }

    /// <summary>The check of the text the editor holds now, or null while it is being made.</summary>
    public SweepCheck? Current => latest.Version == Version ? latest : null;

    public async Task CheckAsync(string text, string fileName)
    {
        var version = ++Version;
        var result = await Task.Run(() => run(version, text, fileName));
        if (result.Version == Version)
            latest = result;
    }

    /// <summary>Text over SweepCheck.MaxBytes, of which the browser sent only the size.</summary>
    public void TooLarge(long bytes) => latest = SweepCheck.TooLarge(++Version, bytes);
}
