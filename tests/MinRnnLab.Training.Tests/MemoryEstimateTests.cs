using System.Globalization;
using MinRnnLab.Config;
using MinRnnLab.Models;
using MinRnnLab.Tests.Shared;

namespace MinRnnLab.Training.Tests;

/// <summary>
/// The memory estimate against what training measured (peak RSS of `minrnn bench memory`, committed in
/// docs/results/memory-estimate/peak-rss.csv), its parameter count against the models themselves, and the located
/// error a config too big for its worker gets.
/// </summary>
public class MemoryEstimateTests
{
    private const long Worker = 22_000_000_000;

    public static TheoryData<string> Measured => new(Rows().Select(r => r.Label));

    [Theory]
    [MemberData(nameof(Measured))]
    public void TheEstimateIsWithinAQuarterOfTheMeasuredPeak(string label)
    {
        var row = Rows().Single(r => r.Label == label);

        var estimate = MemoryEstimate.Of(row.Config).TotalBytes / 1e6;

        var ratio = estimate / row.PeakMb;
        Assert.True(ratio is >= 0.75 and <= 1.25, $"{label}: estimate {estimate:F0} MB, measured {row.PeakMb} MB (ratio {ratio:F2})");
    }

    [Fact]
    public void TheMeasurementsSpanThreeSizesOfEveryArchitectureMeasured()
    {
        foreach (var arch in Rows().GroupBy(r => r.Config.Model.Arch))
            Assert.True(arch.Count() >= (arch.Key == Architecture.MinLstm ? 1 : 3), $"{arch.Key}: {arch.Count()} sizes");
    }

    [Theory]
    [InlineData("transformer", null)]
    [InlineData("mingru", null)]
    [InlineData("minlstm", null)]
    [InlineData("mamba", null)]
    [InlineData("mingru", "gated")]
    [InlineData("minlstm", "gated")]
    [InlineData("mingru", "paper", "false")]
    [InlineData("mamba", null, "false")]
    [InlineData("transformer", null, "false")]
    [InlineData("gru", null)]
    [InlineData("lstm", null, "false")]
    public void TheParameterCountIsTheModelsOwn(string arch, string? block, string bias = "true")
    {
        var values = new List<ConfigValue> { new("arch", arch, "test"), new("n_layer", "2", "test"), new("n_embd", "48", "test"),
            new("block_size", "32", "test"), new("n_head", "4", "test"), new("bias", bias, "test"), new("conv_kernel", "3", "test") };
        if (block is not null)
            values.Add(new("block", block, "test"));
        var config = ConfigBinder.Bind(values);

        using var model = ModelFactory.Create(config.Model);

        Assert.Equal(model.ParameterCount(includePositions: true), MemoryEstimate.ParameterCount(config.Model));
    }

    [Fact]
    public void AModelTooBigForTheWorkerIsRefusedAtTheKeyThatMakesItBig()
    {
        var config = Bind(("arch", "mingru"), ("n_layer", "1024"));

        var error = Assert.Throws<ConfigException>(() => WorkerMemory.Require(config, Worker));

        Assert.StartsWith("config key 'n_layer' = 1024 is invalid: the run needs about ", error.Message);
        Assert.Contains(", this worker has 22 GB (", error.Message);
        Assert.Contains(" parameters: ", error.Message);
    }

    [Theory]
    [InlineData("batch_size", "4096")]
    [InlineData("d_state", "4096")]
    [InlineData("expansion", "64")]
    [InlineData("block_size", "100000")]
    public void TheBlameFallsOnTheKeyThatWasRaised(string key, string value)
    {
        var config = Bind(("arch", "mamba"), ("batch_size", "1"), (key, value));

        var error = Assert.Throws<ConfigException>(() => WorkerMemory.Require(config, 1_000_000_000));

        Assert.StartsWith($"config key '{key}' = {value} is invalid: the run needs about", error.Message);
    }

    [Fact]
    public void AGpuRunIsNotCheckedAgainstTheMachinesMemory() =>
        WorkerMemory.Require(Bind(("arch", "mingru"), ("n_layer", "1024"), ("device", "cuda")), Worker);

    [Fact]
    public void TheDefaultsAndPresetsFitA22GbWorker()
    {
        WorkerMemory.Require(new RunConfig(), Worker);
        foreach (var preset in Presets.Names)
            WorkerMemory.Require(ConfigBinder.Bind(Presets.Get(preset)), Worker);
    }

    private static RunConfig Bind(params (string Key, string Value)[] values) =>
        ConfigBinder.Bind(values.Select(v => new ConfigValue(v.Key, v.Value, $"--{v.Key}")));

    private sealed record Row(string Label, RunConfig Config, double PeakMb);

    private static IEnumerable<Row> Rows()
    {
        var lines = File.ReadAllLines(Repository.PathOf("docs", "results", "memory-estimate", "peak-rss.csv"));
        var header = lines[0].Split(',');
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second);
            // As `bench memory` trained them: the tiny Shakespeare vocabulary of 65 characters.
            var config = Bind(("arch", cells["arch"]), ("n_layer", cells["n_layer"]), ("n_embd", cells["n_embd"]), ("n_head", cells["n_head"]),
                ("batch_size", cells["batch_size"]), ("block_size", cells["block_size"]));
            yield return new Row(cells["label"], config, double.Parse(cells["peak_rss_mb"], CultureInfo.InvariantCulture));
        }
    }
}
