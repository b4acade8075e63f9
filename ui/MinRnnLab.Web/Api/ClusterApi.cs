using MinRnnLab.Abstractions;
using MinRnnLab.Client;

namespace MinRnnLab.Web.Api;

/// <summary>/api/v1/cluster and /api/v1/benchmarks: the silos, their devices and the queue; saved `bench scan` results.</summary>
public static class ClusterApi
{
    public static void MapClusterApi(this RouteGroupBuilder api)
    {
        api.MapGet("/cluster", (IClusterClient cluster) => cluster.Client().GetClusterViewAsync())
            .WithTags("Cluster").WithSummary("Active silos, their device slots and what each trains, and the queue's depth");
        var benchmarks = api.MapGroup("/benchmarks").WithTags("Benchmarks");
        benchmarks.MapGet("", (IClusterClient cluster) => cluster.Client().ListScanBenchmarksAsync())
            .WithSummary("Saved `minrnn bench scan` results on the silo, newest first");
        benchmarks.MapGet("/{fileName}", async (string fileName, IClusterClient cluster) =>
            {
                var client = cluster.Client();
                var listing = await client.ListScanBenchmarksAsync();
                if (listing.Saved.FirstOrDefault(s => s.FileName == fileName) is not { } saved)
                    return ApiProblems.NotFound($"no saved benchmark '{fileName}' in {listing.Folder}");
                var result = await client.ReadScanBenchmarkAsync(saved);
                return result.Report is { } report ? Results.Ok(report)
                    : TypedResults.Problem($"'{fileName}' could not be read: {result.Error}", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unreadable");
            })
            .Produces<MinRnnLab.Config.Benchmarks.ScanBenchmarkReport>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One saved result, by its file name");
    }
}
