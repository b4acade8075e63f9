using TorchSharp;
using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// The only place this code makes a TorchSharp <see cref="Scalar"/>, so that none is freed while libtorch reads it.
/// <para>
/// A Scalar owns a native c10::Scalar that its finalizer frees. TorchSharp 0.107 makes one for every number passed
/// where a Scalar is expected, and for the implicit alpha = 1 of <c>a + b</c>, <c>add_(t)</c>, <c>addcmul_(a, b)</c>,
/// <c>arange(n)</c> or <c>softplus(x)</c>, then reads its handle and calls libtorch. From that read on, nothing holds
/// the Scalar: a garbage collection started by another thread during the native call lets the finalizer free it
/// while libtorch is still reading it (dotnet/TorchSharp PRs 1434 and 1496, open). Two trainers in one silo made
/// this happen: runs failed with "For integral input tensors, argument alpha must not be a floating point number"
/// in <c>offsets + window</c>, and the freed memory may as well hold another float, which computes a wrong sum
/// without any error. A 20 s loop of <c>x + y</c> beside a thread that collects garbage failed 36 times in 4 million.
/// </para>
/// <para>
/// So: constants live here in static fields, which are never collected, and a number known only at run time is
/// made by <see cref="Of(double)"/> into a Scalar the caller disposes after the call (<c>using var</c> keeps it
/// alive until then). <c>ScalarLifetimeTests</c> reads the IL of Models and Training and fails on any other way of
/// making one, including calls to TorchSharp members that make one inside.
/// </para>
/// </summary>
public static class Scalars
{
    public static readonly Scalar Zero = 0.ToScalar();
    public static readonly Scalar One = 1.ToScalar();
    public static readonly Scalar Half = 0.5.ToScalar();
    public static readonly Scalar NegativeInfinity = double.NegativeInfinity.ToScalar();

    /// <summary>A Scalar of <paramref name="value"/>; dispose it (<c>using var</c>) after the call that reads it.</summary>
    public static Scalar Of(double value) => value.ToScalar();

    /// <inheritdoc cref="Of(double)"/>
    public static Scalar Of(long value) => value.ToScalar();

    /// <summary>a + b, without the temporary alpha Scalar of TorchSharp's <c>+</c>.</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a + s, with s kept alive by the caller (a field here, or a <c>using var</c>).</summary>
    public static Tensor Plus(this Tensor a, Scalar s) => a.add(s, One);

    /// <summary>1 − t.</summary>
    public static Tensor OneMinus(this Tensor t) => t.neg().add_(One, One);

    /// <summary>softplus(x) = log(1 + eˣ), as −log σ(−x): TorchSharp's softplus makes its β and threshold Scalars per call.</summary>
    public static Tensor Softplus(Tensor x) => nn.functional.logsigmoid(x.neg()).neg();

    /// <summary>0, 1, …, n − 1.</summary>
    public static Tensor Range(long n, ScalarType dtype, Device? device = null)
    {
        using var stop = Of(n);
        return arange(Zero, stop, One, dtype: dtype, device: device);
    }
}
