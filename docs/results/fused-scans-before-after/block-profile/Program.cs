// Where a training step's time goes at nanoGPT's baby size (B 12, T 64, C 128): forward + backward of each part of
// a block, and of the whole 4-layer model, for the Transformer, minGRU and minLSTM. Two rounds; read the second.
//   dotnet run -c Release -- 1        (argument: threads; see README.md beside this folder for how it was run)
using System.Diagnostics;
using MinRnnLab.Config;
using MinRnnLab.Models;
using TorchSharp;
using static TorchSharp.torch;

torch.set_num_threads(int.Parse(args.Length > 0 ? args[0] : "2"));
torch.manual_seed(1);
long B = 12, T = 64, C = 128;
double Time(Func<Tensor> f, int reps = 30)
{
    for (int i = 0; i < 5; i++) using (var d = NewDisposeScope()) { var y = f(); y.sum().backward(); }
    var sw = Stopwatch.StartNew();
    for (int i = 0; i < reps; i++) using (var d = NewDisposeScope()) { var y = f(); y.sum().backward(); }
    return sw.Elapsed.TotalMilliseconds / reps;
}
var x = randn(B, T, C, requires_grad: true);
var x2 = randn(B, T, 2 * C, requires_grad: true);
var x4 = randn(B, T, 4 * C, requires_grad: true);
var ln = nn.LayerNorm(C);
var conv = new CausalConv1d(C, 4);
var inProj = nn.Linear(C, 4 * C);
var outProj = nn.Linear(2 * C, C);
var mlp = new Mlp(new ModelConfig { NEmbd = (int)C, Dropout = 0 });
var gru = new MinGru(C, 2 * C);
var lstm = new MinLstm(C, 2 * C);
var qkv = nn.Linear(C, 3 * C);
for (int round = 0; round < 2; round++)
{
    Console.WriteLine($"--- round {round}");
    Console.WriteLine($"layernorm     {Time(() => ln.forward(x)):F3}");
    Console.WriteLine($"causal conv   {Time(() => conv.forward(x)):F3}");
    Console.WriteLine($"in_proj C→4C  {Time(() => inProj.forward(x)):F3}");
    Console.WriteLine($"fused scan    {Time(() => FusedMinRnn.Scan(x4, null, FusedMinRnn.MinGruGates)):F3}");
    Console.WriteLine($"minGRU cell   {Time(() => gru.forward(x)):F3}");
    Console.WriteLine($"minLSTM cell  {Time(() => lstm.forward(x)):F3}");
    Console.WriteLine($"out_proj 2C→C {Time(() => outProj.forward(x2)):F3}");
    Console.WriteLine($"mlp           {Time(() => mlp.forward(x)):F3}");
    Console.WriteLine($"qkv C→3C      {Time(() => qkv.forward(x)):F3}");
    Console.WriteLine($"attention     {Time(() => nn.functional.scaled_dot_product_attention(x.view(B, T, 4, 32).transpose(1, 2), x.view(B, T, 4, 32).transpose(1, 2), x.view(B, T, 4, 32).transpose(1, 2), is_casual: true)):F3}");
    var idx = randint(0, 65, new long[] { B, T });
    foreach (var arch in new[] { Architecture.Transformer, Architecture.MinGru, Architecture.MinLstm })
    {
        var model = ModelFactory.Create(new ModelConfig { Arch = arch, NLayer = 4, NHead = 4, NEmbd = 128, BlockSize = 64, Dropout = 0 });
        Console.WriteLine($"model {arch,-12} {Time(() => { return LanguageModel.Loss(model.forward(idx), idx); }, 20):F2}");
    }
}
