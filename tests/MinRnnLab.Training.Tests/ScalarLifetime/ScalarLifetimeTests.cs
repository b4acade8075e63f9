using MinRnnLab.Models;
using MinRnnLab.Training.Trainer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Tests.ScalarLifetime;

/// <summary>
/// Models and Training make TorchSharp Scalars only in <see cref="Scalars"/>, where each outlives the native call that
/// reads it (why: <see cref="Scalars"/>). Read from the IL, so a new <c>x + y</c> on tensors fails here, not in a
/// silo hours later.
/// </summary>
public sealed class ScalarLifetimeTests
{
    private const string ScalarsType = "MinRnnLab.Models.Scalars";
    private static readonly Lazy<HashSet<string>> TorchSharpScalarMakers = new(FindTorchSharpScalarMakers);

    [Fact]
    public void TheIlReaderFindsTheScalarsTorchSharpMakesInside()
    {
        var makers = TorchSharpScalarMakers.Value;

        Assert.Contains("TorchSharp.torch+Tensor::add(TorchSharp.torch+Tensor):TorchSharp.torch+Tensor", makers);
        Assert.Contains("TorchSharp.torch+Tensor::op_Addition(TorchSharp.torch+Tensor,TorchSharp.torch+Tensor):TorchSharp.torch+Tensor", makers);
        Assert.Contains("TorchSharp.Modules.AdamW::step(System.Func`1<TorchSharp.torch+Tensor>):TorchSharp.torch+Tensor", makers);
        Assert.DoesNotContain("TorchSharp.torch+Tensor::add(TorchSharp.torch+Tensor,TorchSharp.Scalar):TorchSharp.torch+Tensor", makers);
    }

    [Theory]
    [InlineData(typeof(Scalars))]        // MinRnnLab.Models
    [InlineData(typeof(Trainer.AdamW))]   // MinRnnLab.Training
    public void NoMethodButScalarsMakesAScalar(Type inAssembly)
    {
        var makers = TorchSharpScalarMakers.Value;
        var unsafeTypes = UnsafeToConstruct(makers);
        var violations =
            from method in IlCalls.Read(inAssembly.Assembly.Location)
            where method.Type != ScalarsType
            from callee in method.Callees
            where MakesScalar(callee) || makers.Contains(callee) || Constructs(method, callee, unsafeTypes)
            select $"{method.Name} calls {callee}";

        Assert.Equal([], violations.ToList());
    }

    // With TorchSharp's x + y this loop fails about 10 times a second here ("For integral input tensors, argument
    // alpha must not be a floating point number": the freed alpha's memory now holds a float Scalar).
    [Fact]
    public async Task AdditionWithARootedAlphaSurvivesCollectionsOnAnotherThread()
    {
        using var x = Scalars.Range(4096, int64);
        var expected = 4096L * 4095;
        var stop = DateTime.UtcNow.AddSeconds(3);
        var collector = Task.Run(() =>
        {
            using var ones = torch.ones(16);
            while (DateTime.UtcNow < stop)
            {
                for (var i = 0; i < 1000; i++)
                {
                    // Float Scalars made and freed, for freed memory to be reused by floats. Each is kept alive through
                    // its own call: a bare mul(0.5) here failed this test now and then, its own Scalar freed mid-call.
                    using var half = 0.5.ToScalar();
                    ones.mul(half).Dispose();
                }
                GC.Collect();
            }
        });
        var additions = 0;
        while (DateTime.UtcNow < stop)
        {
            using var scope = NewDisposeScope();
            for (var i = 0; i < 99; i++)
                x.Plus(x);
            Assert.Equal(expected, x.Plus(x).sum().item<long>());
            additions += 100;
        }
        await collector;
        Assert.True(additions > 10_000, $"only {additions} additions ran");
    }

    [Fact]
    public void OurAdamWStepsAndSavesBitForBitLikeTorchSharpsAdamW()
    {
        using var reference = nn.Linear(6, 4);
        using var candidate = nn.Linear(6, 4);
        using (no_grad())
            foreach (var (r, c) in reference.parameters().Zip(candidate.parameters()))
                c.copy_(r);
        using var referenceOptimizer = new TorchSharp.Modules.AdamW(Groups(reference), 1e-2, 0.9, 0.99);
        using var candidateOptimizer = new Trainer.AdamW(Groups(candidate), 1e-2, 0.9, 0.99);
        var generator = new Generator(7);

        for (var step = 0; step < 6; step++)
        {
            using var scope = NewDisposeScope();
            var input = randn(5, 6, generator: generator);
            foreach (var (model, optimizer) in new (Linear, OptimizerHelper)[] { (reference, referenceOptimizer), (candidate, candidateOptimizer) })
            {
                OptimizerFactory.SetLearningRate(optimizer, 1e-2 / (step + 1));
                optimizer.zero_grad();
                model.forward(input).pow(2).mean().backward();
                optimizer.step();
            }
        }

        foreach (var (r, c) in reference.parameters().Zip(candidate.parameters()))
            Assert.Equal(r.data<float>().ToArray(), c.data<float>().ToArray());
        Assert.Equal(Saved(referenceOptimizer), Saved(candidateOptimizer));
    }

    private static List<TorchSharp.Modules.AdamW.ParamGroup> Groups(Linear model) =>
    [
        new([model.weight!], 1e-2, 0.9, 0.99, 1e-8, 0.1, false, false),
        new([model.bias!], 1e-2, 0.9, 0.99, 1e-8, 0.0, false, false),
    ];

    private static byte[] Saved(OptimizerHelper optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            optimizer.save_state_dict(writer);
        return stream.ToArray();
    }

    private static bool MakesScalar(string callee) =>
        callee.StartsWith("TorchSharp.Scalar::op_Implicit(", StringComparison.Ordinal) ||
        callee.StartsWith("TorchSharp.ScalarExtensionMethods::To", StringComparison.Ordinal);

    /// <summary>TorchSharp members that make a Scalar, themselves or through the TorchSharp members they call.</summary>
    private static HashSet<string> FindTorchSharpScalarMakers()
    {
        var methods = IlCalls.Read(typeof(Scalar).Assembly.Location);
        var makers = methods.Where(m => m.Callees.Any(MakesScalar)).Select(m => m.Name).ToHashSet();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var method in methods)
                if (!makers.Contains(method.Name) && method.Callees.Any(makers.Contains))
                    grew = makers.Add(method.Name);
        }
        return makers;
    }

    /// <summary>
    /// Types whose forward or step makes Scalars. A call through a base type (Module.forward, Optimizer.step) names
    /// the base's method in IL, so these are caught where they are made: a constructor or a factory returning one.
    /// </summary>
    private static HashSet<string> UnsafeToConstruct(HashSet<string> makers) => makers
        .Where(name => name.Contains("::forward(", StringComparison.Ordinal) || name.Contains("::step(", StringComparison.Ordinal))
        .Select(name => name[..name.IndexOf("::", StringComparison.Ordinal)])
        .ToHashSet();

    // A subclass's constructor calling its base's is how Trainer.AdamW replaces TorchSharp's step: allowed.
    private static bool Constructs(IlMethod caller, string callee, HashSet<string> unsafeTypes)
    {
        var type = callee[..callee.IndexOf("::", StringComparison.Ordinal)];
        var returns = callee[(callee.LastIndexOf("):", StringComparison.Ordinal) + 2)..];
        if (callee.Contains("::.ctor(", StringComparison.Ordinal))
            return unsafeTypes.Contains(type) && !(caller.Name.Contains("::.ctor(", StringComparison.Ordinal) && caller.BaseType == type);
        return unsafeTypes.Contains(returns);
    }
}
