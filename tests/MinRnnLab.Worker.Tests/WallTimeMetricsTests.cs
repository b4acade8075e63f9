using MinRnnLab.Config;

namespace MinRnnLab.Worker.Tests;

/// <summary>What charts need beyond the losses, stored by real training: wall time per evaluation and the parameter count.</summary>
public class WallTimeMetricsTests
{
    [Fact]
    public async Task EveryEvaluationStoresTheTrainingSecondsSoFarAndTheFirstTheParameterCount()
    {
        await using var lab = await Lab.StartAsync();
        var sweep = await lab.SubmitAsync("""
            name: wall
            metric: {name: val_loss}
            method: grid
            base: {preset: tiny, max_iters: 20, eval_interval: 10, n_embd: 16}
            """);
        await lab.Client.WaitForSweepAsync(sweep.SweepId);
        var runId = $"{sweep.SweepId}/0";

        var curves = await lab.Client.GetCurvesAsync([runId], [MetricNames.WallSeconds, MetricNames.Parameters], 100);

        var wall = curves.Single(c => c.Name == MetricNames.WallSeconds);
        Assert.Equal([0, 10, 20], wall.Steps);
        Assert.True(wall.Values[0] > 0, $"wall seconds at step 0: {wall.Values[0]}");
        Assert.True(wall.Values[0] < wall.Values[1] && wall.Values[1] < wall.Values[2], string.Join(", ", wall.Values));
        var status = await lab.Client.Run(runId).GetStatus();
        Assert.True(wall.Values[2] <= status!.TrainingSeconds, $"{wall.Values[2]} s at the last evaluation, {status.TrainingSeconds} s in all");
        var parameters = curves.Single(c => c.Name == MetricNames.Parameters);
        Assert.Equal([0], parameters.Steps);                                            // once per attempt: a constant
        Assert.True(parameters.Values[0] > 1000, $"{parameters.Values[0]} parameters");
    }
}
