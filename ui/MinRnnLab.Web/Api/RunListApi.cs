using MinRnnLab.Abstractions;
using MinRnnLab.Client;

namespace MinRnnLab.Web.Api;

/// <summary>
/// /api/v1/runs: every run of every sweep with its summary, filtered and sorted as the Runs page does (the same
/// language: ?q=arch = mingru and learning_rate &lt; 3e-3), one flat row per run so `pandas.DataFrame(rows)` is a table.
/// </summary>
public static class RunListApi
{
    public const int MaxLimit = 100_000;

    public static void MapRunListApi(this RouteGroupBuilder api) =>
        api.MapGet("/runs", ListAsync).WithTags("Runs")
            .Produces<RunListing[]>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Every run of every sweep with its summary; ?q= filters (the Runs page's language), ?sort= and ?desc=true order, ?offset= and ?limit= page");

    private static async Task<IResult> ListAsync(IClusterClient cluster, string? q = null, string sort = "best", bool desc = false, int offset = 0, int limit = 1000)
    {
        if (limit is < 1 or > MaxLimit)
            return ApiProblems.BadRequest($"?limit= is 1 to {MaxLimit}; got {limit}");
        if (offset < 0)
            return ApiProblems.BadRequest($"?offset= is 0 or more; got {offset}");
        var rows = await cluster.Client().QueryRunsAsync(q, sort, desc);               // a bad filter or sort key is an ArgumentException: 400
        return Results.Ok(rows.Skip(offset).Take(limit).Select(RunListing.Of).ToArray());
    }
}

/// <summary>One run in /api/v1/runs: what the Runs page's columns show, flat; BestMetric is of its sweep's Metric.</summary>
public sealed record RunListing(
    string RunId, string SweepId, string Sweep, string Name, string Arch, int SeedIndex, IReadOnlyDictionary<string, string> Parameters,
    RunState State, string Metric, double? BestMetric, double? FinalValLoss, int? BestStep, int? StepsToTarget, double TrainingSeconds, string[] Tags)
{
    public static RunListing Of(RunRow row) => new(row.RunId, row.Sweep.SweepId, row.Sweep.DisplayName, row.DisplayName, row.Trial.Arch,
        row.Trial.SeedIndex, row.Trial.Parameters, row.Trial.State, row.Sweep.Metric, row.Trial.BestMetric, row.FinalValLoss?.Value, row.Trial.BestStep,
        row.Trial.StepsToTarget, row.Trial.TrainingSeconds, row.Tags.ToArray());
}
