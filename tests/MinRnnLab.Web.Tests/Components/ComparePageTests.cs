using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MinRnnLab.Abstractions;
using MinRnnLab.Config;
using MinRnnLab.Web.Components.Pages;
using MinRnnLab.Web.Services;

namespace MinRnnLab.Web.Tests.Components;

/// <summary>The Compare page on runs of two sweeps: overlaid curves, numbers side by side, and only the config keys that differ.</summary>
public class ComparePageTests : LabComponentTest
{
    public ComparePageTests()
    {
        foreach (var (sweep, arch, lr) in new[] { ("a", "mingru", 0.001), ("b", "transformer", 0.003) })
        {
            Lab.Sweeps.Add(FakeLab.Status(sweep));
            Lab.Trials[sweep] = [FakeLab.Trial(sweep, 0, arch, RunState.Succeeded, 2.5)];
            Lab.Specs[$"{sweep}/0"] = new RunSpec($"{sweep}/0", sweep, 0, arch, [], 1337,
                new RunConfig(new ModelConfig { Arch = ArchitectureNames.Parse(arch), NEmbd = 32, BlockSize = 16 },
                    new TrainConfig { LearningRate = lr, BatchSize = 8, Seed = 1337 }),
                1, 3.0, "cpu");
            Lab.Metrics[$"{sweep}/0"] = [new(0, "val_loss", 4.2), new(0, "train_loss", 4.1), new(20, "val_loss", 2.5), new(20, "train_loss", 2.4),
                new(0, "parameters", 5_000)];
        }
    }

    private IRenderedComponent<Compare> Open(string runs)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"compare?runs={runs}");
        return Render<Compare>();
    }

    [Fact]
    public void RunsOfTwoSweepsAreOverlaidAndSideBySide()
    {
        var page = Open("a%2F0,b%2F0");

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=loss-chart]").GetAttribute("data-runs")));
        Assert.Equal("4", page.Find("[data-testid=loss-chart]").GetAttribute("data-traces"));          // val + train per run
        Assert.Equal(["a/0", "b/0"], page.FindAll("[data-testid=compare-column]").Select(c => c.GetAttribute("data-run")));
        Assert.Contains("5k", page.Find("[data-testid=compare-summary]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=compare-unknown]"));
    }

    [Fact]
    public void StepsToTargetNamesTheTargetAndEachRunsOwnWhenTheirSweepsSetDifferentOnes()
    {
        var page = Open("a%2F0,b%2F0");
        page.WaitForAssertion(() => page.Find("[data-testid=compare-target]"));
        Assert.StartsWith("Steps to target 3", page.Find("[data-testid=compare-target] td").TextContent);      // one target: in the title

        Lab.Specs["b/0"] = Lab.Specs["b/0"] with { TargetLoss = 2.0 };
        var mixed = Open("a%2F0,b%2F0");

        mixed.WaitForAssertion(() => Assert.Equal(
            ["Steps to its sweep's target", "not below 3", "not below 2"],
            mixed.FindAll("[data-testid=compare-target] td").Select(c => c.TextContent.Trim())));
    }

    [Fact]
    public void TheConfigDiffShowsOnlyTheKeysThatDiffer()
    {
        var page = Open("a%2F0,b%2F0");

        page.WaitForAssertion(() => page.Find("[data-testid=config-diff]"));
        var keys = page.FindAll("[data-testid=config-diff-row]").Select(r => r.GetAttribute("data-key")).ToList();
        Assert.Equal(["model.arch", "train.learning_rate"], keys);
        Assert.Contains("0.003", page.Find("[data-testid=config-diff]").TextContent);
    }

    [Fact]
    public void UnknownRunIdsInTheAddressAreNamedAndTheOthersStillCompared()
    {
        var page = Open("a%2F0,nope%2F9");

        page.WaitForAssertion(() => Assert.Contains("'nope/9'", page.Find("[data-testid=compare-unknown]").TextContent));
        Assert.Equal("1", page.Find("[data-testid=loss-chart]").GetAttribute("data-runs"));
    }

    [Fact]
    public void AnAddressWithoutRunsSaysHowToPickThem()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("compare");
        var page = Render<Compare>();

        Assert.Contains("tick runs", page.Find("[data-testid=compare-empty]").TextContent);
    }

    [Fact]
    public void ClickingARunsColumnSelectsItInTheChart()
    {
        var page = Open("a%2F0,b%2F0");
        page.WaitForAssertion(() => page.Find("[data-testid=compare-column]"));

        page.FindAll("[data-testid=compare-column]")[1].Click();

        Assert.Equal("b/0", page.Find("[data-testid=loss-chart]").GetAttribute("data-selected"));
        Assert.Equal("sweeps/b/runs/0", page.Find("[data-testid=selected-run-link]").GetAttribute("href"));
    }
}
