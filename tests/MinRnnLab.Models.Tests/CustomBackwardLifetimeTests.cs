using MinRnnLab.Models;
using static TorchSharp.torch;

namespace MinRnnLab.Models.Tests;

/// <summary>
/// What a custom backward pass returns lives on the scope of whoever called backward, until that scope ends: nothing
/// another backward pass does disposes it (see <see cref="BackwardTensors"/>). Before issue 25's fix, the next
/// backward pass on the same thread disposed it, whichever run that pass belonged to.
/// </summary>
public class CustomBackwardLifetimeTests
{
    [Fact]
    public void AnotherRunsBackwardPassLeavesThisRunsGradientsAlone()
    {
        using var run = NewDisposeScope();
        using var x = ones(4, 8).requires_grad_();
        FusedDropout.Apply(x, 0.5, seed: 1).sum().backward();
        var mine = run.DisposablesView.OfType<Tensor>().ToList();                      // this run's, the gradient returned included

        using (NewDisposeScope())                                                       // another run, on the same thread
        {
            using var y = ones(4, 8).requires_grad_();
            FusedDropout.Apply(y, 0.5, seed: 2).sum().backward();
        }

        Assert.All(mine, t => Assert.False(t.IsInvalid));
        Assert.Equal(mine.Count, run.DisposablesCount);
    }

    [Fact]
    public void ReturnedGradientsGoWithTheCallersScope()
    {
        using var x = ones(4, 8).requires_grad_();
        List<Tensor> made;
        using (var backward = NewDisposeScope())
        {
            using var y = FusedDropout.Apply(x, 0.5, seed: 1).DetachFromDisposeScope();
            y.sum().backward();
            made = [.. backward.DisposablesView.OfType<Tensor>()];
        }

        Assert.NotEmpty(made);
        Assert.All(made, t => Assert.True(t.IsInvalid));
        Assert.Equal(x.grad!.sum().item<float>(), FusedDropout.Apply(ones(4, 8), 0.5, seed: 1).sum().item<float>());
    }
}
