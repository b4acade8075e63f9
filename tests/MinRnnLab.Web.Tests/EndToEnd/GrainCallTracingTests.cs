using System.Collections.Concurrent;
using System.Diagnostics;
using MinRnnLab.Web.Hosting;

namespace MinRnnLab.Web.Tests.EndToEnd;

/// <summary>
/// The pages' platform calls are spans on Orleans' application source (LabWebTracing), with no wrapper around the
/// client: a listener sees the grain call a page request makes.
/// </summary>
[Collection(WebAppCollection.Name)]
public class GrainCallTracingTests(WebAppFixture web)
{
    [Fact]
    public async Task APageRequestsGrainCallIsASpanOnTheGrainCallSource()
    {
        var sweepId = $"traced-{Guid.NewGuid():N}";
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LabWebTracing.GrainCalls,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var http = new HttpClient();

        // An unknown sweep's address: the server asks the sweep's grain for its status before it answers 404.
        var response = await http.GetAsync($"{web.BaseUrl}/sweeps/{sweepId}");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(spans, span => span.DisplayName.EndsWith("ISweepGrain/GetStatus", StringComparison.Ordinal)
            && span.Kind == ActivityKind.Client);
    }
}
