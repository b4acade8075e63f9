using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Hosting;
using MinRnnLab.Sweeps;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// A bayes sweep's proposal runs off the sweep grain's turn: while one is being computed, however long it takes, the
/// grain answers its status, the sweep list and a pause. (A proposal of ei_candidates 1,000,000,000 computed inside the
/// turn kept `sweep list` and `sweep cancel` timing out for minutes.)
/// </summary>
public sealed class ProposalOffTurnTests
{
    [Fact]
    public async Task TheSweepAnswersWhileItsProposalIsBeingComputed()
    {
        var proposer = new HeldProposer();
        var options = Lab.NewOptions(executor: ExecutorKind.Noop);
        var client = await LabClient.StartEmbeddedAsync(options, configure: silo => silo.Services.AddSingleton<ITrialProposer>(proposer));
        try
        {
            var submitted = await client.SubmitSweepAsync("""
                name: held-proposal
                metric: {name: val_loss}
                method: bayes
                run_cap: 2
                base: {preset: tiny, max_iters: 10, eval_interval: 5, n_embd: 16}
                parameters:
                  learning_rate: {distribution: log_uniform, min: 1e-4, max: 1e-2}
                parallel: 1
                """, "held-proposal.yaml");
            Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
            var sweep = client.Sweep(submitted.Status!.SweepId);
            await proposer.Started.WaitAsync(TimeSpan.FromMinutes(2));

            // The proposal is still computing (held): each of these would wait for it if it ran inside a turn.
            var status = await sweep.GetStatus().Found();
            var listed = await client.ListSweepsAsync();
            var paused = await sweep.Pause().Found();
            var resumed = await sweep.Resume().Found();

            Assert.Equal(SweepState.Running, status.State);
            Assert.Empty(status.RunsByState);                                         // nothing started: its parameters are not there yet
            Assert.Contains(listed, s => s.SweepId == status.SweepId);
            Assert.Equal(SweepState.Paused, paused.State);
            Assert.Equal(SweepState.Running, resumed.State);
            Assert.False(proposer.Released);

            proposer.Release();
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var final = await client.WaitForSweepAsync(status.SweepId, cancel: patience.Token);
            Assert.Equal(SweepState.Completed, final.State);
            Assert.Equal(2, final.RunsByState.GetValueOrDefault(RunState.Succeeded));
        }
        finally
        {
            proposer.Release();
            await client.DisposeAsync();
            try { Directory.Delete(options.DataFolder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>TPE held at its first proposal until the test lets it go, as a proposal that takes minutes would be.</summary>
    private sealed class HeldProposer : ITrialProposer
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SemaphoreSlim Started { get; } = new(0);
        public bool Released => release.Task.IsCompleted;

        public void Release() => release.TrySetResult();

        public IReadOnlyDictionary<string, string> Propose(SweepDefinition sweep, IReadOnlyList<CompletedTrial> history, int configurationIndex, CancellationToken cancel)
        {
            Started.Release();
            release.Task.Wait(cancel);
            return TpeProposer.Instance.Propose(sweep, history, configurationIndex, cancel);
        }
    }
}
