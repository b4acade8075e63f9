using MinRnnLab.Abstractions;
using MinRnnLab.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MinRnnLab.Grains;

/// <summary>
/// A bayes sweep's proposals run off the grain's turn. TPE's cost grows with ei_candidates × parameters × finished
/// trials; computed inside a turn it kept the grain from answering `sweep list` and `sweep cancel` for minutes. So the
/// grain starts one proposal at a time on the thread pool, with a budget of <see cref="ProposalBudget"/>, and a timer
/// turn (not interleaved with calls) applies the answer once it is there: the trial starts then. A proposal over its
/// budget is cancelled and the configuration is drawn as random search draws it, which the log says.
/// </summary>
public sealed partial class SweepGrain
{
    /// <summary>Longest a proposal may compute; one within the bounds of a sweep file takes well under a second.</summary>
    public static readonly TimeSpan ProposalBudget = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ProposalPoll = TimeSpan.FromMilliseconds(50);

    private (int Configuration, Task<IReadOnlyDictionary<string, string>> Task, CancellationTokenSource Budget, IGrainTimer Timer)? proposal;

    /// <summary>The next trials of a bayes sweep that can start now, in order: those whose configuration is proposed.</summary>
    private List<TrialSpec> ProposedTrials(int from, int count)
    {
        var ready = new List<TrialSpec>();
        for (var index = from; index < from + count; index++)
        {
            var configuration = TrialExpander.ConfigurationIndex(Definition, index);
            if (!suggested.TryGetValue(configuration, out var parameters))
            {
                StartProposal(configuration);
                break;
            }
            ready.Add(TrialExpander.Trial(Bound, index, parameters));
        }
        return ready;
    }

    private void StartProposal(int configuration)
    {
        if (proposal is not null)
            return;                                                                     // one at a time; FillSlots asks again when it lands
        var finished = Trials.All.Where(t => t.State is RunState.Succeeded or RunState.Pruned)
            .Select(t => new CompletedTrial(t.Index, t.Parameters, evaluations!.Objective(t.Index))).ToList();
        var (sweep, proposer) = (Definition, ServiceProvider.GetService<ITrialProposer>() ?? TpeProposer.Instance);
        var budget = new CancellationTokenSource(ProposalBudget);
        var task = Task.Run(() => proposer.Propose(sweep, finished, configuration, budget.Token), budget.Token);
        var timer = this.RegisterGrainTimer(ApplyProposal, new GrainTimerCreationOptions(ProposalPoll, ProposalPoll) { Interleave = false, KeepAlive = true });
        proposal = (configuration, task, budget, timer);
    }

    private async Task ApplyProposal(CancellationToken cancel)
    {
        if (proposal is not { } p || !p.Task.IsCompleted)
            return;
        proposal = null;
        p.Timer.Dispose();
        p.Budget.Dispose();
        if (p.Task.IsCompletedSuccessfully)
        {
            suggested[p.Configuration] = new Dictionary<string, string>(p.Task.Result);
        }
        else
        {
            var cause = p.Task.IsCanceled ? $"took longer than its budget of {ProposalBudget.TotalSeconds:F0} s" : $"failed: {p.Task.Exception!.GetBaseException().Message}";
            logger.LogWarning("sweep {Sweep}: the TPE proposal for configuration {Configuration} {Cause}; drawing it at random instead",
                SweepId, p.Configuration, cause);
            suggested[p.Configuration] = new Dictionary<string, string>(TpeSampler.RandomDraw(Definition, p.Configuration));
        }
        if (Exists)
            await FillSlots();
    }
}
