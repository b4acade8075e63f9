using MinRnnLab.Abstractions;

namespace MinRnnLab.Web.Api;

/// <summary>
/// Names, tags and notes of sweeps (/api/v1/sweeps/{sweepId}/…) and runs (…/runs/{index}/…): PATCH labels applies an
/// edit (tags to add and remove, notes, name) in one grain turn; PUT tags, notes and name replace one part. Each answers
/// the labels as stored; a bad tag, note or name is a 400 naming it, and nothing is stored.
/// </summary>
public static class LabelsApi
{
    public static void MapLabelsApi(this RouteGroupBuilder api)
    {
        var sweep = api.MapGroup("/sweeps/{sweepId}").WithTags("Labels");
        MapEdits(sweep, "sweep", route => route.Values["sweepId"]!.ToString()!,
            (cluster, id, edit) => cluster.Client().Sweep(id).EditLabels(edit), async (cluster, id) => (await cluster.Client().Sweep(id).GetStatus())?.Labels,
            ApiProblems.SweepNotFound);
        var run = api.MapGroup("/sweeps/{sweepId}/runs/{index:int}").WithTags("Labels");
        MapEdits(run, "run", route => $"{route.Values["sweepId"]}/{route.Values["index"]}",
            (cluster, id, edit) => cluster.Client().Run(id).EditLabels(edit), async (cluster, id) => (await cluster.Client().Run(id).GetStatus())?.Labels,
            ApiProblems.RunNotFound);
    }

    private static void MapEdits(RouteGroupBuilder group, string what, Func<RouteData, string> idOf,
        Func<IClusterClient, string, LabelEdit, Task<Labels?>> edit, Func<IClusterClient, string, Task<Labels?>> read, Func<string, IResult> notFound)
    {
        async Task<IResult> Apply(HttpContext http, IClusterClient cluster, Func<Labels, LabelEdit> change)
        {
            var id = idOf(http.GetRouteData());
            if (await read(cluster, id) is not { } labels)
                return notFound(id);
            return await edit(cluster, id, change(labels)) is { } stored ? Results.Ok(stored) : notFound(id);
        }

        group.MapPatch("/labels", (HttpContext http, IClusterClient cluster, LabelEdit body) => Apply(http, cluster, _ => body))
            .Produces<Labels>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary($"Edits the {what}'s labels in one step: {{addTags, removeTags, notes, name}}, each optional");
        // Only the difference is sent, so a tag someone else adds meanwhile is kept rather than undone.
        group.MapPut("/tags", (HttpContext http, IClusterClient cluster, [Microsoft.AspNetCore.Mvc.FromBody] string[] tags) => Apply(http, cluster, labels => new LabelEdit(
                AddTags: [.. tags.Where(t => !labels.HasTag(t))],
                RemoveTags: [.. labels.Tags.Where(t => !tags.Contains(t, StringComparer.OrdinalIgnoreCase))])))
            .Produces<Labels>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary($"Replaces the {what}'s tags with the list in the body (a JSON array of strings)");
        group.MapPut("/notes", (HttpContext http, IClusterClient cluster, NotesBody body) => Apply(http, cluster, _ => new LabelEdit(Notes: body.Notes ?? "")))
            .Produces<Labels>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary($"Replaces the {what}'s notes: {{\"notes\": \"...\"}} (\"\" clears them)");
        group.MapPut("/name", (HttpContext http, IClusterClient cluster, NameBody body) => Apply(http, cluster, _ => new LabelEdit(Name: body.Name ?? "")))
            .Produces<Labels>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary($"Renames the {what}: {{\"name\": \"...\"}} (\"\" removes the name given)");
    }
}

/// <summary>The body of PUT …/notes.</summary>
public sealed record NotesBody(string? Notes);

/// <summary>The body of PUT …/name.</summary>
public sealed record NameBody(string? Name);
