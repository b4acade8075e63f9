// Where Mamba's step goes at the paper's size (B 64, T 256, C 384, inner 768, N 16): forward + backward of each part
// of a gated block, and whole 3-layer models. Argument: threads, reps. Read the second round.
using System.Diagnostics;
using MinRnnLab.Config;
using MinRnnLab.Models;
using static TorchSharp.torch;

set_num_threads(int.Parse(args.Length > 0 ? args[0] : "2"));
var reps = int.Parse(args.Length > 1 ? args[1] : "3");
manual_seed(1);
long B = 64, T = 256, C = 384, D = 768, N = 16, R = 24;
double Time(Func<Tensor> f)
{
    using (var d = NewDisposeScope()) { var y = f(); y.sum().backward(); }
    var times = new List<double>();
    for (int i = 0; i < reps; i++) using (var d = NewDisposeScope()) { var sw = Stopwatch.StartNew(); var y = f(); y.sum().backward(); times.Add(sw.Elapsed.TotalMilliseconds); }
    times.Sort();
    return times[times.Count / 2];
}
using var scope = NewDisposeScope();
var x = randn(B, T, C, requires_grad: true);
var u = randn(B, T, D, requires_grad: true);
var z = randn(B, T, D, requires_grad: true);
var ln = nn.LayerNorm(C);
var inProj = nn.Linear(C, 2 * D);
var conv = new CausalConv1d(D, 4);
var ssm = new SelectiveSsm(D, R, N);
var xProj = nn.Linear(D, R + 2 * N, hasBias: false);
var dtIn = randn(B, T, R, requires_grad: true);
var dtProj = nn.Linear(R, D);
var delta = (rand(B, T, D) * 0.1).requires_grad_();
var A = (-rand(D, N) - 0.5).requires_grad_();
var Bm = randn(B, T, N, requires_grad: true);
var Cm = randn(B, T, N, requires_grad: true);
var Dv = ones(D).requires_grad_();
var outProj = nn.Linear(D, C);
var mlpIn = nn.Linear(C, 4 * C);
var gruProj = nn.Linear(C, 2 * 2 * C);
for (int round = 0; round < 2; round++)
{
    Console.WriteLine($"--- round {round}");
    Console.WriteLine($"layernorm            {Time(() => ln.forward(x)):F1}");
    Console.WriteLine($"in_proj C→2·2C       {Time(() => inProj.forward(x)):F1}");
    Console.WriteLine($"conv + silu          {Time(() => nn.functional.silu(conv.forward(u))):F1}");
    Console.WriteLine($"x_proj 2C→R+2N       {Time(() => xProj.forward(u)):F1}");
    Console.WriteLine($"dt_proj + softplus   {Time(() => Scalars.Softplus(dtProj.forward(dtIn))):F1}");
    Console.WriteLine($"scan (fused) + skip  {Time(() => SelectiveScan.Parallel(u, delta, A, Bm, Cm, Dv)):F1}");
    Console.WriteLine($"whole SSM            {Time(() => ssm.forward(u)):F1}");
    Console.WriteLine($"gate y⊙silu(z)       {Time(() => u * nn.functional.silu(z)):F1}");
    Console.WriteLine($"out_proj 2C→C        {Time(() => outProj.forward(u)):F1}");
    Console.WriteLine($"(mlp c_fc C→4C)      {Time(() => mlpIn.forward(x)):F1}");
    Console.WriteLine($"(minGRU in_proj C→4C){Time(() => gruProj.forward(x)):F1}");
    var idx = randint(0, 65, new long[] { B, T });
    foreach (var arch in new[] { Architecture.MinGru, Architecture.Mamba })
    {
        using var ms = NewDisposeScope();
        var model = ModelFactory.Create(new ModelConfig { Arch = arch, NLayer = 3, NHead = 6, NEmbd = 384, BlockSize = 256, Dropout = 0 });
        Console.WriteLine($"model {arch,-12} {Time(() => LanguageModel.Loss(model.forward(idx), idx)):F0}");
    }
}
