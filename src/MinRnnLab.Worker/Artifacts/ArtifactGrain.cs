using MinRnnLab.Abstractions;
using MinRnnLab.Worker.Artifacts;
using Orleans.Concurrency;

namespace MinRnnLab.Worker.Artifacts;

/// <summary>
/// Answers for a run's files from the silo that receives the call. A stateless worker: activations are local to
/// that silo, up to one per core, so a listing does not queue behind another caller's sample. It trusts no caller:
/// a run nobody created is "not found" before any path is built from its id, and requests out of bounds are refused.
/// </summary>
[StatelessWorker]
public sealed class ArtifactGrain(RunArtifacts artifacts) : Grain, IArtifactGrain
{
    /// <summary>The most log lines a caller may ask for at once.</summary>
    public const int MaxLogLines = 5000;

    public async Task<CheckpointInfo[]?> ListCheckpoints(string runId) =>
        await Exists(runId) ? await artifacts.ListCheckpointsAsync(runId) : null;

    public async Task<string?> Sample(string runId, SampleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Problem() is { } problem)
            throw new ArgumentException(problem);
        return await Exists(runId) ? await artifacts.SampleAsync(runId, request) : null;
    }

    public async Task<string[]?> ReadLogTail(string runId, int lines)
    {
        if (lines is < 1 or > MaxLogLines)
            throw new ArgumentException($"{lines} log lines asked for; between 1 and {MaxLogLines} are allowed");
        return await Exists(runId) ? await artifacts.ReadLogTailAsync(runId, lines) : null;
    }

    // The run grain is the truth about which runs exist; its id alone could name any folder.
    private async Task<bool> Exists(string runId) =>
        !string.IsNullOrEmpty(runId) && await GrainFactory.GetGrain<IRunGrain>(runId).GetSpec() is not null;
}
