// One gated Mamba block at the paper's size (B 64, T 256, C 384, inner 768, N 16, k 4), forward + backward, with its
// SiLUs as separate libtorch ops (FuseActivations off: main's path) and fused into the conv kernel and the scan (on),
// taking turns so that both see the same load; and minGRU's paper block beside them for the ≤ 1.2× aim.
// Arguments: threads (2), reps (5). Prints each rep and the medians.
using System.Diagnostics;
using MinRnnLab.Config;
using MinRnnLab.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

set_num_threads(int.Parse(args.Length > 0 ? args[0] : "2"));
var reps = int.Parse(args.Length > 1 ? args[1] : "5");
manual_seed(1);
var config = new ModelConfig { Arch = Architecture.Mamba, NLayer = 3, NHead = 6, NEmbd = 384, BlockSize = 256, Dropout = 0 };
using var mamba = new GatedBlock(config);
using var minGru = new MinRnnBlock(config with { Arch = Architecture.MinGru });
using var x = randn(64, 256, 384);

double Once(Module<Tensor, Tensor> block)
{
    using var scope = NewDisposeScope();
    var input = x.detach().requires_grad_(true);
    var watch = Stopwatch.StartNew();
    block.forward(input).sum().backward();
    return watch.Elapsed.TotalMilliseconds;
}

var times = new Dictionary<string, List<double>> { ["mamba unfused"] = [], ["mamba fused"] = [], ["minGRU block"] = [] };
for (var rep = -1; rep < reps; rep++)                                                  // rep −1 warms up
{
    mamba.FuseActivations = false;
    var unfused = Once(mamba);
    mamba.FuseActivations = true;
    var fused = Once(mamba);
    var gru = Once(minGru);
    Console.WriteLine($"rep {rep}: mamba unfused {unfused:F0} ms, fused {fused:F0} ms, minGRU block {gru:F0} ms");
    if (rep < 0)
        continue;
    times["mamba unfused"].Add(unfused);
    times["mamba fused"].Add(fused);
    times["minGRU block"].Add(gru);
}
double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
foreach (var (name, v) in times)
    Console.WriteLine($"median {name,-14} {Median(v):F0} ms");
var ratios = times["mamba fused"].Zip(times["mamba unfused"], (f, u) => f / u).ToList();      // per rep: the same load
Console.WriteLine($"fused / unfused {Median(times["mamba fused"]) / Median(times["mamba unfused"]):F2} " +
    $"(median of each rep's ratio {Median(ratios):F2}), " +
    $"fused mamba / minGRU block {Median(times["mamba fused"]) / Median(times["minGRU block"]):F2}");
