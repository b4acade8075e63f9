using System.Globalization;
using System.Text;
using System.Text.Json;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;

namespace MinRnnLab.Web.Api;

/// <summary>
/// /api/v1/sweeps/{sweepId}/runs/{index}: a run's status and config, its metric points (JSON and CSV), attempts,
/// checkpoints, log and samples. Runs are addressed under their sweep, as the pages do: a run id holds a '/'.
/// </summary>
public static class RunsApi
{
    public static void MapRunsApi(this RouteGroupBuilder api)
    {
        var run = api.MapGroup("/sweeps/{sweepId}/runs/{index:int}").WithTags("Runs");
        run.MapGet("", async (string sweepId, int index, IClusterClient cluster) =>
            {
                var grain = cluster.Client().Run(RunId(sweepId, index));
                if (await grain.GetStatus() is not { } status || await grain.GetSpec() is not { } spec)
                    return ApiProblems.RunNotFound(RunId(sweepId, index));
                return Results.Ok(new RunDetails(status, spec.Parameters, spec.Seed, ConfigJson.ToElement(spec.Config)));
            })
            .Produces<RunDetails>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The run's status, parameters and resolved config");
        run.MapDelete("", async (string sweepId, int index, IClusterClient cluster) =>
                await cluster.Client().Sweep(sweepId).DeleteRun(RunId(sweepId, index)) is { } deleted ? Results.Ok(deleted) : ApiProblems.RunNotFound(RunId(sweepId, index)))
            .Produces<DeleteResult>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Deletes the run (cancelled first if it runs): its checkpoints, log, metrics and state; its sweep goes on. Answers the bytes freed");
        run.MapGet("/metrics", async (string sweepId, int index, IClusterClient cluster, string? name = null) =>
                await cluster.Client().Run(RunId(sweepId, index)).GetMetrics(name) is { } points ? Results.Ok(points) : ApiProblems.RunNotFound(RunId(sweepId, index)))
            .Produces<MetricPoint[]>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every stored metric point of the run (?name=val_loss for one metric), ordered by step");
        run.MapGet("/metrics.csv", async (string sweepId, int index, IClusterClient cluster, string? name = null) =>
                await cluster.Client().Run(RunId(sweepId, index)).GetMetrics(name) is { } points
                    ? Results.Text(Csv(points), "text/csv", Encoding.UTF8)
                    : ApiProblems.RunNotFound(RunId(sweepId, index)))
            .Produces<string>(contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The same points as CSV: step,name,value");
        run.MapGet("/attempts", async (string sweepId, int index, IClusterClient cluster) =>
                await cluster.Client().Run(RunId(sweepId, index)).GetAttempts() is { } attempts ? Results.Ok(attempts) : ApiProblems.RunNotFound(RunId(sweepId, index)))
            .Produces<RunAttempt[]>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Every attempt at the run, oldest first");
        run.MapGet("/checkpoints", async (string sweepId, int index, IClusterClient cluster) =>
                await cluster.Client().ListCheckpointsAsync(RunId(sweepId, index)) is { } checkpoints ? Results.Ok(checkpoints) : ApiProblems.RunNotFound(RunId(sweepId, index)))
            .Produces<CheckpointInfo[]>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The run's best and latest checkpoints on disk");
        run.MapGet("/log", async (string sweepId, int index, IClusterClient cluster, int lines = 500) =>
            {
                if (lines is < 1 or > 5000)
                    return ApiProblems.BadRequest($"?lines= is 1 to 5000; got {lines}");
                return await cluster.Client().ReadLogTailAsync(RunId(sweepId, index), lines) is { } tail
                    ? Results.Ok(tail) : ApiProblems.RunNotFound(RunId(sweepId, index));
            })
            .Produces<string[]>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The last lines of the run's log (?lines=, 1 to 5000)");
        run.MapPost("/sample", async (string sweepId, int index, SampleRequest request, IClusterClient cluster) =>
            {
                try
                {
                    return await cluster.Client().SampleAsync(RunId(sweepId, index), request.Prompt, request.Length, request.Temperature, request.Seed,
                        request.TopK, request.Checkpoint) is { } text ? Results.Ok(new SampleText(text)) : ApiProblems.RunNotFound(RunId(sweepId, index));
                }
                catch (InvalidOperationException e)
                {
                    return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "No checkpoint");
                }
            })
            .Produces<SampleText>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Generates text from the run's best (or latest) checkpoint");
    }

    /// <summary>A run's id from its address: "{sweepId}/{index}", as the run grains are keyed.</summary>
    private static string RunId(string sweepId, int index) => $"{sweepId}/{index}";

    private static string Csv(IEnumerable<MetricPoint> points)
    {
        var csv = new StringBuilder("step,name,value\n");
        foreach (var p in points)
            csv.Append(CultureInfo.InvariantCulture, $"{p.Step},{p.Name},{p.Value:R}\n");
        return csv.ToString();
    }
}

/// <summary>A run: its status, the trial's parameters, its training seed and the resolved config it trains with.</summary>
public sealed record RunDetails(RunStatus Status, IReadOnlyDictionary<string, string> Parameters, long Seed, JsonElement Config);

public sealed record SampleText(string Text);
