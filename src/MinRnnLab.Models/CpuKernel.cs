using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static TorchSharp.torch;

namespace MinRnnLab.Models;

/// <summary>
/// What the fused CPU kernels (<see cref="MinRnnKernels"/>, <see cref="SelectiveScanKernels"/>) share: raw access
/// to a contiguous CPU tensor's memory, loads and stores of one SIMD vector of channels (the last block of a width
/// that is not a multiple of the vector is padded with zeros), vector maths written once for float and double, and
/// a parallel loop that uses as many threads as libtorch's intra-op pool.
/// </summary>
internal static unsafe class CpuKernel
{
    /// <summary>The dtypes the kernels are compiled for; anything else takes the libtorch path.</summary>
    public static bool Supports(Tensor t) =>
        t.device_type == TorchSharp.DeviceType.CPU && t.dtype is ScalarType.Float32 or ScalarType.Float64;

    /// <summary>Address of element 0 of a contiguous CPU tensor, as an integer so that lambdas can capture it.</summary>
    public static nint Address(Tensor t)
    {
        if (!t.is_contiguous())
            throw new ArgumentException("a fused CPU kernel needs a contiguous tensor", nameof(t));
        return t.numel() == 0 ? 0 : (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(t.bytes));
    }

    /// <summary>
    /// Runs <paramref name="work"/> for items 0 … count−1 on libtorch's thread count: on libtorch's own OpenMP team
    /// where it can (<see cref="OpenMpTeam"/>), else on the thread pool in contiguous ranges, so that neighbouring
    /// items (neighbouring channel blocks of one sequence) share a thread and its cache.
    /// Kernels mark their work [AggressiveOptimization]: compiled fully optimised on first use rather than after
    /// tiering up, so the first steps of a run and a benchmark's short warm-up run the same code as the rest.
    /// </summary>
    public static void ForEach(long count, Action<long> work)
    {
        var threads = (int)Math.Min(Math.Max(1, get_num_threads()), count);
        if (threads <= 1)
        {
            for (long i = 0; i < count; i++)
                work(i);
            return;
        }
        if (OpenMpTeam.IsAvailable)
        {
            OpenMpTeam.Run(count, threads, work);
            return;
        }
        var rangeSize = Math.Max(1, count / (4L * threads));
        Parallel.ForEach(Partitioner.Create(0, count, rangeSize), new ParallelOptions { MaxDegreeOfParallelism = threads },
            range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                    work(i);
            });
    }

    /// <summary>
    /// <paramref name="lanes"/> values from p, zeros in the lanes past them. The last block of a width that is not a
    /// multiple of the vector uses AVX's masked load, which never touches the memory past the lanes; it is an
    /// instruction rather than a call, since a call inside a kernel's loop makes the JIT keep the loop's vectors in
    /// memory (every vector register is caller-saved), which measured 4 times slower on the full blocks too. It is one
    /// conditional expression: with a return statement per case, the JIT passed every load through a stack slot and
    /// moved the full block's load out of line, which made the conv kernel 1.4 times slower.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load<T>(T* p, int lanes) where T : unmanaged, IFloatingPointIeee754<T> =>
        lanes == Vector<T>.Count ? Vector.Load(p) : LoadLanes(p, lanes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> LoadLanes<T>(T* p, int lanes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (IsAvxVector<T>() && typeof(T) == typeof(float))
            return Vector.As<float, T>(Avx.MaskLoad((float*)p, FirstLanes<int>(lanes).AsSingle()).AsVector());
        if (IsAvxVector<T>() && typeof(T) == typeof(double))
            return Vector.As<double, T>(Avx.MaskLoad((double*)p, FirstLanes<long>(lanes).AsDouble()).AsVector());
        return LoadPartial(p, lanes);
    }

    /// <summary>Writes the first <paramref name="lanes"/> lanes of v to p (a masked store on the last block, as in <see cref="Load{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(Vector<T> v, T* p, int lanes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (lanes == Vector<T>.Count)
            v.Store(p);
        else if (IsAvxVector<T>() && typeof(T) == typeof(float))
            Avx.MaskStore((float*)p, FirstLanes<int>(lanes).AsSingle(), Vector.As<T, float>(v).AsVector256());
        else if (IsAvxVector<T>() && typeof(T) == typeof(double))
            Avx.MaskStore((double*)p, FirstLanes<long>(lanes).AsDouble(), Vector.As<T, double>(v).AsVector256());
        else
            StorePartial(v, p, lanes);
    }

    // Whether Vector<T> is AVX's 256-bit vector, which the masked loads and stores below work on.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAvxVector<T>() where T : unmanaged => Avx.IsSupported && Vector<T>.Count * sizeof(T) == Vector256<byte>.Count;

    // All bits set in lanes 0 … lanes−1: the mask of AVX's masked loads and stores.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<TInt> FirstLanes<TInt>(int lanes) where TInt : unmanaged, IBinaryInteger<TInt> =>
        Vector256.LessThan(Vector256<TInt>.Indices, Vector256.Create(TInt.CreateTruncating(lanes)));

    private static Vector<T> LoadPartial<T>(T* p, int lanes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var buffer = stackalloc T[Vector<T>.Count];
        for (var i = 0; i < Vector<T>.Count; i++)
            buffer[i] = i < lanes ? p[i] : T.Zero;
        return Vector.Load(buffer);
    }

    private static void StorePartial<T>(Vector<T> v, T* p, int lanes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < lanes; i++)
            p[i] = v[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Splat<T>(double value) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.CreateChecked(value));

    /// <summary>a ⊙ b + c with one rounding (FMA), for float and double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd<T>(Vector<T> a, Vector<T> b, Vector<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Vector.As<float, T>(Vector.FusedMultiplyAdd(Vector.As<T, float>(a), Vector.As<T, float>(b), Vector.As<T, float>(c)));
        return Vector.As<double, T>(Vector.FusedMultiplyAdd(Vector.As<T, double>(a), Vector.As<T, double>(b), Vector.As<T, double>(c)));
    }

    /// <summary>
    /// e^x. float64 uses the runtime's Vector.Exp; float32 uses <see cref="ExpSingle"/>, since the runtime computes
    /// a float exp in double precision on two half-width vectors, and exp is most of the selective scan's work.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Exp<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Vector.As<float, T>(ExpSingle(Vector.As<T, float>(x)));
        return Vector.As<double, T>(Vector.Exp(Vector.As<T, double>(x)));
    }

    /// <summary>
    /// e^x in float32 to about 2 ulp (Cephes' expf): x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 split in two so that
    /// r is exact), e^r by a degree-6 Taylor polynomial (error r⁷/7! ≤ 1.2e-7 relative), 2^n put in the exponent
    /// bits. x is clamped to [−87, 88], so results stay normal floats (≥ 1.6e-38) instead of underflowing to 0:
    /// every use here adds such a value to something at least 1, or makes from it a term whose exact value is as
    /// small, so the clamp changes a result by less than 1e-37. Written for instruction count, since the selective
    /// scan runs one per state and step: the clamp is a compare and select (which keeps a NaN, where Vector.Min
    /// costs three instructions and MinNative may drop it), and n is rounded by adding 1.5·2²³, which pushes the
    /// fraction out of the mantissa and leaves n plus the exponent bias in its low bits, ready to shift into place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpSingle(Vector<float> x)
    {
        var (low, high) = (new Vector<float>(-87f), new Vector<float>(88f));
        x = Vector.ConditionalSelect(Vector.LessThan(x, low), low, x);
        x = Vector.ConditionalSelect(Vector.GreaterThan(x, high), high, x);
        var roundingBias = new Vector<float>(12582912f + 127f);                        // 1.5·2²³ + the exponent bias
        var shifted = Vector.FusedMultiplyAdd(x, new Vector<float>(1.44269504f), roundingBias); // round(x / ln 2) + 127 in the low bits
        var n = shifted - roundingBias;
        var r = Vector.FusedMultiplyAdd(n, new Vector<float>(-0.693359375f), x);        // ln 2 = hi − lo
        r = Vector.FusedMultiplyAdd(n, new Vector<float>(2.12194440e-4f), r);
        var p = Vector.FusedMultiplyAdd(new Vector<float>(1f / 720), r, new Vector<float>(1f / 120));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(1f / 24));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(1f / 6));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(0.5f));
        p = Vector.FusedMultiplyAdd(p, r, Vector<float>.One);
        p = Vector.FusedMultiplyAdd(p, r, Vector<float>.One);
        var twoToN = Vector.ShiftLeft(Vector.AsVectorInt32(shifted), 23);               // 2^n as float bits
        return p * Vector.AsVectorSingle(twoToN);
    }

    /// <summary>
    /// softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|), with log1p(e) = log(u) · e / (u − 1) for u = 1 + e
    /// (exact where 1 + e rounds to 1, so a very negative x keeps its small softplus instead of 0). One exp and one
    /// log per element; Mamba's Δ takes it once per channel and step, against N exps in the scan itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Softplus<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var e = Exp(-Vector.Abs(x));
        var u = Vector<T>.One + e;
        var rounded = u - Vector<T>.One;
        var logOnePlus = Vector.ConditionalSelect(Vector.Equals(rounded, Vector<T>.Zero), e, Log(u) * e / rounded);
        return Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, Vector<T>.Zero) + logOnePlus;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Log<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Vector.As<float, T>(Vector.Log(Vector.As<T, float>(x)));
        return Vector.As<double, T>(Vector.Log(Vector.As<T, double>(x)));
    }

    /// <summary>
    /// σ(x) and σ(−x) = 1 − σ(x), each from e = exp(−|x|) ∈ (0, 1] so that neither overflows nor loses its
    /// small end to 1 − σ: 1 / (1 + e) is the larger of the two, e / (1 + e) the smaller. Also returns e.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector<T> Sigmoid, Vector<T> SigmoidOfMinus, Vector<T> E) Sigmoids<T>(Vector<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var e = Exp(-Vector.Abs(x));
        var large = Vector<T>.One / (Vector<T>.One + e);
        var small = e * large;
        var nonNegative = Vector.GreaterThanOrEqual(x, Vector<T>.Zero);
        return (Vector.ConditionalSelect(nonNegative, large, small), Vector.ConditionalSelect(nonNegative, small, large), e);
    }

    /// <summary>SiLU(x) = x σ(x), the activation of Mamba's block after its conv and on its output gate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> SiLU<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T> => x * Sigmoids(x).Sigmoid;

    /// <summary>d SiLU(x)/dx = σ(x) (1 + x σ(−x)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> SiLUSlope<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (sigmoid, sigmoidOfMinus, _) = Sigmoids(x);
        return sigmoid * MultiplyAdd(x, sigmoidOfMinus, Vector<T>.One);
    }
}
