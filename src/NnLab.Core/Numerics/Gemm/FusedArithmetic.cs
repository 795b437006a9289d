using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// The one rounding rule of the fast kernels: a·b + c fused (one rounding) where the hardware has FMA, otherwise
/// multiply then add. Every fast path uses it, so tiles, edges and the small-matrix path round identically.
/// </summary>
/// <remarks>
/// The vector forms exist only as per-type overloads in the runtime, so they dispatch on <c>typeof(T)</c>: each
/// instantiation over a value type is compiled separately and the test folds to a single instruction.
/// </remarks>
internal static class FusedArithmetic
{
    public static readonly bool IsFused = Fma.IsSupported || AdvSimd.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MulAdd<T>(T a, T b, T c) where T : IFloatingPointIeee754<T> =>
        IsFused ? T.FusedMultiplyAdd(a, b, c) : a * b + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MulAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        return Unsupported<Vector256<T>, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MulAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        return Unsupported<Vector512<T>, T>();
    }

    // Kept out of line so the callers above stay small enough to inline.
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TResult Unsupported<TResult, T>() =>
        throw new NotSupportedException($"The fast kernels support float and double, not {typeof(T).Name}.");
}
