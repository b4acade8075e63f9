using System.Diagnostics;
using System.Reflection;
using static TorchSharp.torch;

// Scratch: forward + backward of one causal attention at the paper's size, 2 threads, median of N.
set_num_threads(int.Parse(Environment.GetEnvironmentVariable("THREADS") ?? "2"));
var asm = typeof(MinRnnLab.Models.FusedDropout).Assembly;
Func<object[], Tensor> Apply(string type) {
    var m = asm.GetType("MinRnnLab.Models." + type)!.GetMethod("apply", BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy)!;
    return args => (Tensor)m.Invoke(null, [args])!;
}
var flash = Apply("FlashAttentionFunction");
Func<object[], Tensor>? old = asm.GetType("MinRnnLab.Models.CausalSoftmaxDropoutFunction") is null ? null : Apply("CausalSoftmaxDropoutFunction");
var reps = int.Parse(args.Length > 0 ? args[0] : "5");
manual_seed(1);
var (q, k, v) = (randn(64, 6, 256, 64).requires_grad_(), randn(64, 6, 256, 64).requires_grad_(), randn(64, 6, 256, 64).requires_grad_());
var g = randn(64, 6, 256, 64);
var cases = new List<(string, Func<Tensor>)> {
    ("sdpa p=0 (libtorch flash)", () => nn.functional.scaled_dot_product_attention(q, k, v, p: 0, is_casual: true)),
    ("sdpa p=0.2", () => nn.functional.scaled_dot_product_attention(q, k, v, p: 0.2, is_casual: true)),
    ("tiled p=0.2", () => flash([q, k, v, 0.2, 7L])),
    ("tiled p=0", () => flash([q, k, v, 0.0, 7L])),
};
if (old is not null) cases.Add(("one-kernel weights p=0.2 (main)", () => old([q.matmul(k.transpose(-2, -1)), 0.125, 0.2, 7L]).matmul(v)));
foreach (var (name, f) in cases) {
    var times = new List<double>();
    for (var i = 0; i <= reps; i++) {
        using var scope = NewDisposeScope();
        var sw = Stopwatch.StartNew();
        var y = f();
        y.backward([g]);
        times.Add(sw.Elapsed.TotalMilliseconds);
        q.grad!.zero_(); k.grad!.zero_(); v.grad!.zero_();
    }
    times.RemoveAt(0); times.Sort();
    Console.WriteLine($"{name}: median {times[times.Count / 2]:F0} ms (min {times[0]:F0}, max {times[^1]:F0})");
}
