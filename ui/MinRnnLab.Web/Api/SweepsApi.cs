using System.Text;
using MinRnnLab.Abstractions;
using MinRnnLab.Client;
using MinRnnLab.Sweeps;
using MinRnnLab.Sweeps.Importance;
using MinRnnLab.Web.Hosting;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Api;

/// <summary>/api/v1/sweeps: list, submit, status, the file and plan, pause/resume/cancel, runs, importance and exports.</summary>
public static class SweepsApi
{
    public static void MapSweepsApi(this RouteGroupBuilder api)
    {
        var sweeps = api.MapGroup("/sweeps").WithTags("Sweeps");
        sweeps.MapGet("", (IClusterClient cluster) => cluster.Client().ListSweepsAsync())
            .WithSummary("Every sweep, newest first, with its progress and best loss per architecture");
        sweeps.MapPost("", SubmitAsync)
            .Accepts<string>("application/yaml", "text/yaml", "text/plain")
            .Produces<SweepStatus>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Submits a sweep file (the request body, YAML); ?file= names it in error locations")
            .WithDescription("A file with errors stores nothing and answers 422 with every error at its line and column in `errors`.");
        sweeps.MapGet("/{sweepId}", async (string sweepId, IClusterClient cluster) =>
                await cluster.Client().Sweep(sweepId).GetStatus() is { } status ? Results.Ok(status) : ApiProblems.SweepNotFound(sweepId))
            .Produces<SweepStatus>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The sweep's status");
        sweeps.MapDelete("/{sweepId}", async (string sweepId, IClusterClient cluster) =>
                await cluster.Client().Sweep(sweepId).Delete() is { } deleted ? Results.Ok(deleted) : ApiProblems.SweepNotFound(sweepId))
            .Produces<DeleteResult>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Deletes the sweep: cancels its running trials, removes its runs' checkpoints, logs, metrics and state; answers the bytes freed");
        sweeps.MapGet("/{sweepId}/file", async (string sweepId, IClusterClient cluster) =>
                await cluster.Client().Sweep(sweepId).GetDefinition() is { } yaml ? Results.Text(yaml, "application/yaml", Encoding.UTF8) : ApiProblems.SweepNotFound(sweepId))
            .Produces<string>(contentType: "application/yaml").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The sweep file as submitted");
        sweeps.MapGet("/{sweepId}/plan", PlanAsync)
            .Produces<SweepPlan>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Trials not started yet (?limit=, default 100)");
        MapLifecycle(sweeps, "pause", c => c.Pause(), "Starts no new trials; running ones finish");
        MapLifecycle(sweeps, "resume", c => c.Resume(), "Starts trials again after a pause");
        MapLifecycle(sweeps, "cancel", c => c.Cancel(), "Cancels every queued and running trial");
        sweeps.MapGet("/{sweepId}/runs", RunsAsync)
            .Produces<RunSummary[]>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The sweep's runs with their summaries");
        sweeps.MapGet("/{sweepId}/importance", async (string sweepId, IClusterClient cluster) =>
                await cluster.Client().GetImportanceAsync(sweepId) is { } report ? Results.Ok(report) : ApiProblems.SweepNotFound(sweepId))
            .Produces<ImportanceReport>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary($"Hyperparameter importance (fANOVA) over the succeeded trials; none below {HyperparameterImportance.MinimumTrials}, with the reason");
        sweeps.MapGet("/{sweepId}/export/{file}", ExportAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary($"One of the sweep's downloads: {string.Join(", ", SweepExport.Files.Keys)}");
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, IClusterClient cluster, string? file = null)
    {
        var fileName = file ?? "sweep.yaml";
        if (fileName.Length > 100 || fileName.IndexOfAny(['/', '\\']) >= 0 || fileName.Any(char.IsControl))
            return ApiProblems.BadRequest($"?file= is a file name of at most 100 characters without a folder; got '{Shorten(fileName)}'");
        var yaml = await ReadBodyAsync(request);
        if (yaml is null)
            return TypedResults.Problem($"the sweep file is over {SweepCheck.MaxBytes / 1024} KB", statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Too large");
        // Parsed once, by the platform, which locates the file's errors; any other refusal ("already exists") has no place.
        var submitted = await cluster.Client().SubmitSweepAsync(yaml, fileName);
        if (submitted.Status is not { } status)
            return Invalid(submitted.Located is { Length: > 0 }
                ? submitted.Located.Select(e => new LocatedError(e.File, e.Line, e.Column, e.Message))
                : submitted.Errors.Select(e => new LocatedError(fileName, null, null, e)));
        return Results.Created($"{LabApi.Prefix}/sweeps/{Uri.EscapeDataString(status.SweepId)}", status);
    }

    private static IResult Invalid(IEnumerable<LocatedError> errors)
    {
        var list = errors.ToList();
        return TypedResults.Problem($"the sweep file has {list.Count} error{(list.Count == 1 ? "" : "s")}; nothing was stored",
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid sweep file",
            extensions: new Dictionary<string, object?> { ["errors"] = list });
    }

    /// <summary>The body as UTF-8 text; null when it is longer than the editor and the upload accept.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > SweepCheck.MaxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static async Task<IResult> PlanAsync(string sweepId, IClusterClient cluster, int limit = 100)
    {
        if (limit is < 0 or > 10_000)
            return ApiProblems.BadRequest($"?limit= is 0 to 10000; got {limit}");
        return await cluster.Client().Sweep(sweepId).GetPlan(limit) is { } plan ? Results.Ok(plan) : ApiProblems.SweepNotFound(sweepId);
    }

    private static void MapLifecycle(RouteGroupBuilder sweeps, string action, Func<ISweepGrain, Task<SweepStatus?>> act, string summary) =>
        sweeps.MapPost($"/{{sweepId}}/{action}", async (string sweepId, IClusterClient cluster) =>
                await act(cluster.Client().Sweep(sweepId)) is { } status ? Results.Ok(status) : ApiProblems.SweepNotFound(sweepId))
            .Produces<SweepStatus>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary(summary + "; answers the status afterwards");

    private static async Task<IResult> RunsAsync(string sweepId, IClusterClient cluster)
    {
        var client = cluster.Client();
        if (await client.Sweep(sweepId).GetTrials() is not { } trials)
            return ApiProblems.SweepNotFound(sweepId);
        var statuses = await Task.WhenAll(trials.Select(t => client.Run(t.RunId).GetStatus()));
        var metric = (await client.Sweep(sweepId).GetStatus())?.Metric ?? "";
        return Results.Ok(trials.Select((t, i) => RunSummary.Of(t, statuses[i], metric)).ToArray());
    }

    private static async Task<IResult> ExportAsync(string sweepId, string file, IClusterClient cluster, HttpContext http)
    {
        if (!SweepExport.Files.TryGetValue(file, out var contentType))
            return ApiProblems.NotFound($"a sweep exports {string.Join(", ", SweepExport.Files.Keys)}; there is no '{Shorten(file)}'");
        var client = cluster.Client();
        if (await client.Sweep(sweepId).GetStatus() is null)
            return ApiProblems.SweepNotFound(sweepId);
        http.Response.ContentType = contentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{SweepDownloads.FileName(sweepId, file)}\"";
        await new SweepExport(client).WriteAsync(sweepId, file, http.Response.Body, http.RequestAborted);
        return Results.Empty;
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}

/// <summary>One error of a sweep file; Line and Column are null for an error the platform found in the whole file (its memory check).</summary>
public sealed record LocatedError(string File, int? Line, int? Column, string Message);

/// <summary>A run as the runs listing shows it: its trial's parameters and its headline numbers (BestMetric: of the sweep's metric).</summary>
public sealed record RunSummary(
    string RunId, int Trial, string Arch, int SeedIndex, IReadOnlyDictionary<string, string> Parameters, RunState State, string Metric,
    double? BestMetric, int? BestStep, double? FinalValLoss, int? StepsToTarget, int LastStep, double TrainingSeconds, string? Reason)
{
    public static RunSummary Of(TrialInfo trial, RunStatus? status, string metric) => new(trial.RunId, trial.Index, trial.Arch, trial.SeedIndex, trial.Parameters,
        status?.State ?? trial.State, metric, status?.BestMetric ?? trial.BestMetric, status?.BestStep ?? trial.BestStep, status?.FinalValLoss,
        status?.StepsToTarget ?? trial.StepsToTarget, status?.LastStep ?? 0, status?.TrainingSeconds ?? trial.TrainingSeconds,
        status?.Reason ?? trial.Reason);
}
