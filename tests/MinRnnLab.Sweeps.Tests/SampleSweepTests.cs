using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Sweeps.Tests;

/// <summary>The sweep files shipped in sweeps/ stay valid as the config vocabulary changes.</summary>
public class SampleSweepTests
{
    public static TheoryData<string> SweepFiles() => new(Directory.GetFiles(Path.Combine(Repository.Root, "sweeps"), "*.yaml").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(SweepFiles))]
    public void EverySweepFileInTheRepositoryValidates(string file)
    {
        var path = Path.Combine(Repository.Root, "sweeps", file);

        var result = SweepParser.Parse(File.ReadAllText(path), path);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Theory]
    [InlineData("tiny.yaml", 4)]
    [InlineData("cpu-shakespeare.yaml", 4)]
    [InlineData("paper-shakespeare.yaml", 12)]
    [InlineData("cpu-ablation.yaml", 21)]
    [InlineData("cpu-ablation-factors.yaml", 3)]
    [InlineData("paper-cpu.yaml", 4)]
    public void SampleSweepsHaveTheirIntendedTrialCounts(string file, int trials)
    {
        var sweep = Sweeps.Valid(File.ReadAllText(Path.Combine(Repository.Root, "sweeps", file)));

        Assert.Equal(trials, TrialExpander.Expand(sweep).Count());
    }

    [Fact]
    public void ThePaperSweepTrainsThePapersSetup()
    {
        var sweep = Sweeps.Valid(File.ReadAllText(Path.Combine(Repository.Root, "sweeps", "paper-shakespeare.yaml")));

        var trials = TrialExpander.Expand(sweep).ToList();

        Assert.Equal(["transformer", "mingru", "minlstm", "mamba"], trials.Select(t => t.Parameters["arch"]).Distinct());
        Assert.All(trials, t => Assert.Equal((3, 384, 256, 0.2), (t.Config.Model.NLayer, t.Config.Model.NEmbd, t.Config.Model.BlockSize, t.Config.Model.Dropout)));
        Assert.All(trials, t => Assert.Equal((64, 5000, 1e-3, 25, 0.25, "cuda"),
            (t.Config.Train.BatchSize, t.Config.Train.MaxIters, t.Config.Train.LearningRate, t.Config.Train.EvalInterval, t.Config.Train.GradClip, t.Config.Train.Device)));
        Assert.Equal([0, 1, 2], trials.Where(t => t.Parameters["arch"] == "mingru").Select(t => t.SeedIndex));
    }

    [Fact]
    public void ThePaperCpuSweepTrainsThePapersSetupOnceOnACpuUntilPatienceEndsIt()
    {
        var sweep = Sweeps.Valid(File.ReadAllText(Path.Combine(Repository.Root, "sweeps", "paper-cpu.yaml")));

        var trials = TrialExpander.Expand(sweep).ToList();

        Assert.Equal(["mamba", "transformer", "mingru", "minlstm"], trials.Select(t => t.Parameters["arch"]));
        Assert.All(trials, t => Assert.Equal((3, 384, 256, 0.2), (t.Config.Model.NLayer, t.Config.Model.NEmbd, t.Config.Model.BlockSize, t.Config.Model.Dropout)));
        Assert.All(trials, t => Assert.Equal((64, 3000, 1e-3, false, 25, 0.25, "cpu", 1337L, 25),
            (t.Config.Train.BatchSize, t.Config.Train.MaxIters, t.Config.Train.LearningRate, t.Config.Train.DecayLr, t.Config.Train.EvalInterval,
             t.Config.Train.GradClip, t.Config.Train.Device, t.Config.Train.Seed, t.Config.Train.CheckpointInterval)));
        Assert.All(trials, t => Assert.Equal(MinRnnLab.Config.EvalMode.Full, t.Config.Train.EvalMode));
        Assert.Equal((EarlyTerminateType.Patience, 12, 0.0), (sweep.EarlyTerminate!.Type, sweep.EarlyTerminate.PatienceEvals, sweep.EarlyTerminate.MinDelta));
        Assert.Equal((2, 1, 100), (sweep.Parallel, sweep.Seeds, sweep.MaxRestarts));
    }
}
