namespace MinRnnLab.Training.Runs;

/// <summary>
/// An error as a run's reason and its one line in run.log: the type and the first line of the message. libtorch's
/// errors carry their C++ backtrace in the message itself ("Exception raised from … frame #0: …"), which filled run.log
/// and the run's state; the whole trace still goes to the process's stderr, for whoever debugs it.
/// </summary>
public static class FailureText
{
    /// <summary>Longest reason kept: a state is a line of a table, not a log.</summary>
    public const int MaxLength = 500;

    public static string OneLine(Exception e)
    {
        var first = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var line = $"{e.GetType().Name}: {first}";
        return line.Length <= MaxLength ? line : line[..MaxLength] + "…";
    }
}
