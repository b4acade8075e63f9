using MinRnnLab.Abstractions;

namespace MinRnnLab.Client.Tests;

public class TrainingCostsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private static RunAttempt Attempt(int number, RunState? outcome, int? resumedFrom, int lastStep, double seconds, double? cpu = null) =>
        new(number, "machine/cpu#0", Start.AddHours(number), outcome is null ? null : Start.AddHours(number + 0.5), outcome, null,
            resumedFrom, lastStep, [], seconds, cpu is { } c ? new AttemptUsage(2_000_000_000, c) : null);

    [Fact]
    public void AResumeRetrainsTheStepsPastItsCheckpointAndARestartEveryStepBefore()
    {
        var rows = AttemptRow.Of("s/0", "mingru", [
            Attempt(3, RunState.Succeeded, 100, 400, 600),
            Attempt(1, RunState.Preempted, null, 120, 240),                             // killed at step 120, last checkpoint 100
            Attempt(2, RunState.Preempted, null, 30, 60),                               // found no checkpoint: from step 0 again
        ]);

        Assert.Equal([1, 2, 3], rows.Select(r => r.Attempt));                           // in the order they ran
        // Attempt 2 trained steps 0–30 a second time before it too was stopped; attempt 3 trains 100–120 a second time.
        Assert.Equal([0, 30, 20], rows.Select(r => r.StepsRetrained));
        Assert.Equal([120, 30, 300], rows.Select(r => r.StepsTrained));
        Assert.Equal(["preempted", "preempted", "succeeded"], rows.Select(r => r.Outcome));
    }

    [Fact]
    public void TheStepsAKillLostCountOnceWhenTheAttemptAfterItTrainedNothing()
    {
        var rows = AttemptRow.Of("s/0", "mingru", [
            Attempt(1, RunState.Preempted, null, 120, 240),                             // killed at step 120, last checkpoint 100
            Attempt(2, RunState.Preempted, 100, 100, 5),                                // resumed and stopped at once
            Attempt(3, RunState.Succeeded, 100, 400, 600),
        ]);

        Assert.Equal([0, 0, 20], rows.Select(r => r.StepsRetrained));                  // 100–120, by the attempt that trained them
    }

    [Fact]
    public void CostsAddEveryAttemptOfAConfigurationAndCountResumesApartFromRestarts()
    {
        var attempts = AttemptRow.Of("s/0", "mingru", [
                Attempt(1, RunState.Preempted, null, 120, 240, cpu: 250),
                Attempt(2, RunState.Succeeded, 100, 400, 600, cpu: 610)])
            .Concat(AttemptRow.Of("s/1", "mamba", [Attempt(1, null, null, 50, 100)]))
            .Concat(AttemptRow.Of("s/2", "mingru", [
                Attempt(1, RunState.Preempted, null, 20, 40),
                Attempt(2, RunState.Succeeded, null, 100, 200, cpu: 205)]))
            .ToList();
        var configurations = new Dictionary<string, string> { ["s/0"] = "mingru", ["s/1"] = "mamba", ["s/2"] = "mingru" };

        var costs = CostRow.Summarize(attempts, configurations).ToDictionary(c => c.Configuration);

        var mingru = costs["mingru"];
        Assert.Equal((2, 4), (mingru.Trials, mingru.Attempts));
        Assert.Equal(120 + 300 + 20 + 100, mingru.StepsTrained);
        Assert.Equal(1000 * (240 + 600 + 40 + 200) / 540.0, mingru.MsPerStep!.Value, 9);
        Assert.Equal((250 + 610 + 205) / 3600.0, mingru.CpuHours!.Value, 9);           // the attempt without a reading adds nothing
        Assert.Equal(3, mingru.AttemptsWithCpu);
        Assert.Equal((1, 1), (mingru.Resumes, mingru.Restarts));
        Assert.Equal(20 + 20, mingru.StepsRetrained);                                   // 100..120 of s/0, 0..20 of s/2
        Assert.Equal(2000, mingru.PeakMemoryMegabytes);
        Assert.Null(costs["mamba"].CpuHours);                                           // still running: no CPU reading yet
        Assert.Equal(["mamba", "mingru"], costs.Keys.Order());
    }
}
