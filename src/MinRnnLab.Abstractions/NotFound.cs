namespace MinRnnLab.Abstractions;

/// <summary>
/// The one wording of "there is no such sweep or run", for the answers grains give as null (CLI, client, pages).
/// </summary>
public static class NotFound
{
    public static string Sweep(string sweepId) => $"no sweep '{sweepId}'";

    public static string Run(string runId) => $"no run '{runId}'";
}
