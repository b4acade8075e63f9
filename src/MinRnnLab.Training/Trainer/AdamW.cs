using MinRnnLab.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MinRnnLab.Training.Trainer;

/// <summary>
/// TorchSharp's AdamW with the same arithmetic in the same order (so the same bits, and the same optimizer.bin),
/// except that every Scalar it hands libtorch stays alive until the call returns. TorchSharp's own step makes
/// about eight temporary Scalars per parameter and step, each of which a collection on another thread may free
/// mid-call (see <see cref="Scalars"/>); with two trainers in one silo that is a wrong β or step size now and then.
/// The state (step, exp_avg, exp_avg_sq per parameter) is the base class's, and so is the name: optimizer.bin
/// starts with the optimizer's class name and loading checks it, so checkpoints load either way.
/// </summary>
public sealed class AdamW(IEnumerable<TorchSharp.Modules.AdamW.ParamGroup> groups, double lr, double beta1, double beta2)
    : TorchSharp.Modules.AdamW(groups, lr, beta1, beta2)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        if (options.amsgrad!.Value || options.maximize!.Value)
            throw new NotSupportedException("this AdamW implements plain AdamW: amsgrad and maximize are off");
        var (beta1, beta2) = (options.beta1!.Value, options.beta2!.Value);
        var lr = options.LearningRate!.Value;
        using var decay = Scalars.Of(1 - lr * options.weight_decay!.Value);
        using var beta1Scalar = Scalars.Of(beta1);
        using var beta2Scalar = Scalars.Of(beta2);
        using var oneMinusBeta1 = Scalars.Of(1 - beta1);
        using var oneMinusBeta2 = Scalars.Of(1 - beta2);
        using var eps = Scalars.Of(options.eps!.Value);
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null)
                continue;
            var state = (State)_state[param.Handle];
            state.step += 1;
            param.mul_(decay);
            var biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            var biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            state.exp_avg.mul_(beta1Scalar).add_(grad, oneMinusBeta1);
            state.exp_avg_sq.mul_(beta2Scalar).addcmul_(grad, grad, oneMinusBeta2);
            using var sqrtBiasCorrection2 = Scalars.Of(Math.Sqrt(biasCorrection2));
            using var denom = state.exp_avg_sq.sqrt().div_(sqrtBiasCorrection2).add_(eps, Scalars.One);
            using var minusStepSize = Scalars.Of(-(lr / biasCorrection1));
            param.addcdiv_(state.exp_avg, denom, minusStepSize);
        }
    }, closure);
}
