using MinRnnLab.Hosting;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Worker.Tests;

/// <summary>
/// Deeply nested sweep files through LabClient and straight to SweepGrain (whose API is public, so it cannot trust a
/// caller to have validated): each is a located error, nothing is stored, and the silo — in this process — lives on.
/// </summary>
public class DeepSweepSubmitTests
{
    [Fact]
    public async Task DeepFilesAreLocatedErrorsFromTheClientAndTheGrainAndTheSiloLivesOn()
    {
        await using var lab = await Lab.StartAsync(executor: ExecutorKind.Noop);

        foreach (var deep in DeepYaml.All)
        {
            var viaClient = await lab.Client.SubmitSweepAsync(deep.Text, "deep.yaml");
            var viaGrain = await lab.Client.Sweep("deep-direct").Submit(deep.Text, "deep.yaml");

            foreach (var result in new[] { viaClient, viaGrain })
            {
                Assert.False(result.Accepted, deep.Name);
                var error = Assert.Single(result.Errors);
                Assert.StartsWith($"deep.yaml:{deep.Line}:{deep.Column}: ", error);
                Assert.Contains(deep.Message, error);
            }
        }

        Assert.Empty(await lab.Client.ListSweepsAsync());
        var good = await lab.Client.Sweep("after-deep").Submit(
            "name: after-deep\nmetric: {name: val_loss}\nmethod: grid\nbase: {preset: tiny, max_iters: 2}\n", "good.yaml");
        Assert.True(good.Accepted, string.Join("\n", good.Errors));
    }
}
