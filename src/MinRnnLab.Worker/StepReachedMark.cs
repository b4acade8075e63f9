using System.Globalization;
using MinRnnLab.Abstractions;

namespace MinRnnLab.Worker;

/// <summary>
/// The furthest step the run's current attempt has trained to, in a small file beside its checkpoint, rewritten every
/// log_interval steps. A kill loses the steps after the last checkpoint, and neither the checkpoint nor the run grain
/// (told at evaluations) knows how many: the next attempt reads this file to report them, then starts its own mark.
/// </summary>
public sealed class StepReachedMark(string checkpointFolder, int attempt)
{
    private readonly string file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(checkpointFolder))!, "step-reached");

    /// <summary>What the last attempt to train recorded; null when none did or the file cannot be read.</summary>
    public StepReached? Read()
    {
        try
        {
            var parts = File.ReadAllText(file).Split(' ');
            return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                                     && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step)
                ? new StepReached(number, step)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Records that this attempt has completed <paramref name="step"/> steps. Written aside and renamed, so a kill
    /// mid-write leaves the previous mark, never a torn one. A mark is bookkeeping: a full disk skips it, and the
    /// checkpoint after it reports the fault.
    /// </summary>
    public void Write(int step)
    {
        try
        {
            File.WriteAllText(file + ".tmp", string.Create(CultureInfo.InvariantCulture, $"{attempt} {step}"));
            File.Move(file + ".tmp", file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
