using System.Text.Json;
using MinRnnLab.Config.Benchmarks;
using MinRnnLab.Training.Benchmarks;

namespace MinRnnLab.Training.Tests.Benchmarks;

[Collection(TorchGlobalState.Name)]
public class ScanBenchmarkTests
{
    private static readonly ScanBenchmarkOptions Tiny = new()
    {
        SeqLens = [16, 8], Batch = 2, Hidden = 4, Warmup = 1, Reps = 1, CaseBudget = TimeSpan.FromMinutes(1),
    };

    [Fact]
    public void EveryCaseIsMeasuredAtEveryLengthWithSpeedupsAgainstItsBaselines()
    {
        var report = ScanBenchmark.Run(Tiny);

        Assert.Equal(ScanBenchmark.DefaultCases.Count * 2, report.Rows.Count);
        Assert.All(report.Rows, r => Assert.True(r.Ms > 0 && !r.Skipped));
        var minGru = report.Rows.Single(r => r.Model == "mingru" && r.SeqLen == 16);
        var loop = report.Rows.Single(r => r.Model == "gru-loop" && r.SeqLen == 16);
        Assert.Equal(loop.Ms!.Value / minGru.Ms!.Value, minGru.SpeedupVsLoop!.Value, 6);
        Assert.NotNull(minGru.SpeedupVsFused);
        Assert.Null(loop.SpeedupVsLoop);
        Assert.Equal([8, 16], report.ScanShares.Select(s => s.SeqLen));
    }

    [Fact]
    public void CaseOverItsBudgetKeepsItsOneRunAndSkipsLongerLengths()
    {
        var options = Tiny with { CaseBudget = TimeSpan.Zero };
        var cases = new[] { ScanBenchmark.DefaultCases[0] };

        var report = ScanBenchmark.Run(options, cases);

        Assert.Equal(1, report.Rows[0].Runs);
        Assert.Equal(8, report.Rows[0].SeqLen);
        Assert.True(report.Rows[1].Skipped);
        Assert.Null(report.Rows[1].Ms);
    }

    [Fact]
    public void AfterTheirWarmUpTheCasesTakeTurnsOneRunEach()
    {
        var forwards = new List<string>();
        BenchmarkCase Recorded(string name) => new(name, h => new RecordingModule(name, h, forwards));

        var report = ScanBenchmark.Run(Tiny with { SeqLens = [8], Warmup = 2, Reps = 3 }, [Recorded("a"), Recorded("b")]);

        Assert.Equal(["a", "a", "b", "b", "a", "b", "a", "b", "a", "b"], forwards);
        Assert.Equal(["a", "b"], report.Rows.Select(r => r.Model));
        Assert.All(report.Rows, r => Assert.Equal(3, r.Runs));
    }

    [Fact]
    public void ReportWritesJsonCsvAndMarkdownWithOneLinePerRow()
    {
        var report = ScanBenchmark.Run(Tiny with { SeqLens = [8] }, [ScanBenchmark.DefaultCases[0], ScanBenchmark.DefaultCases[2]]);
        var dir = Path.Combine(Path.GetTempPath(), $"scan-bench-{Guid.NewGuid():N}");

        report.WriteAll(dir);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "scan-benchmark.json")));
        Assert.Equal(2, json.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "scan-benchmark.csv")).Length);
        Assert.Contains("| mingru | 8 |", File.ReadAllText(Path.Combine(dir, "scan-benchmark.md")));
        Directory.Delete(dir, recursive: true);
    }

    // y = w ⊙ x, noting its name at each forward pass.
    private sealed class RecordingModule : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        private readonly List<string> forwards;
        private readonly TorchSharp.Modules.Parameter weight;

        public RecordingModule(string name, int hidden, List<string> forwards) : base(name)
        {
            this.forwards = forwards;
            weight = new TorchSharp.Modules.Parameter(TorchSharp.torch.ones(hidden));
            RegisterComponents();
        }

        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor x)
        {
            forwards.Add(GetName());
            return x * weight;
        }
    }
}
