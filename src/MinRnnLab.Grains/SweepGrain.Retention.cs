using MinRnnLab.Abstractions;
using MinRnnLab.Storage;
using MinRnnLab.Sweeps;
using Microsoft.Extensions.Logging;

namespace MinRnnLab.Grains;

/// <summary>
/// The sweep file's `retention:`, applied each time a run finishes: that run keeps only the checkpoints the policy
/// names, and with top_k, finished runs that fall out of the k best (by the sweep's metric) lose theirs. Runs still
/// training or waiting to resume are never touched: they need their latest checkpoint.
/// </summary>
public sealed partial class SweepGrain
{
    private readonly HashSet<string> strippedOfCheckpoints = [];                        // this activation's: removal is idempotent anyway

    private async Task ApplyRetention(TrialInfo finished)
    {
        var policy = Definition.Retention;
        if (policy.KeepsEverything)
            return;
        var prune = new List<(string RunId, bool Best, bool Latest)>();
        // "best" keeps the latest of a run that has no best (its loss never beat step 0's): its only checkpoint.
        if (policy.Checkpoints != CheckpointRetention.BestAndLatest)
            prune.Add((finished.RunId, policy.Checkpoints is CheckpointRetention.Latest or CheckpointRetention.None,
                policy.Checkpoints is CheckpointRetention.None
                || (policy.Checkpoints is CheckpointRetention.Best && Directory.Exists(paths.BestCheckpointFolder(finished.RunId)))));
        if (policy.TopK is { } k)
        {
            // Finished runs without a value rank last; ties keep the earlier trial.
            var outside = Objective.Rank(Trials.All.Where(t => t.State.IsFinal()), t => t.BestMetric).ThenBy(t => t.Index).Skip(k);
            prune.AddRange(outside.Where(t => !strippedOfCheckpoints.Contains(t.RunId)).Select(t => (t.RunId, true, true)));
        }
        if (prune.Count == 0)
            return;
        try
        {
            var bytes = await Task.Run(() => prune.Sum(p => RunFolderDeletion.DeleteCheckpoints(paths, p.RunId, p.Best, p.Latest)));
            strippedOfCheckpoints.UnionWith(prune.Where(p => p.Best && p.Latest).Select(p => p.RunId));
            if (bytes > 0)
                logger.LogInformation("sweep {Sweep}: retention removed {Bytes} of checkpoints ({Runs})", SweepId, DeleteResult.Size(bytes),
                    string.Join(", ", prune.Select(p => p.RunId)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The run's result stands; its checkpoints stay until the next run's end tries again.
            logger.LogWarning("sweep {Sweep}: retention could not remove checkpoints: {Error}", SweepId, e.Message);
        }
    }
}
