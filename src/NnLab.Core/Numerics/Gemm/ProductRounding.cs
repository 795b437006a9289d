using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// How the built-in kernels add a·b to a product's chain: rounded once (a fused multiply–add, the fast kernels on FMA
/// hardware) or twice (the product, then the sum: the reference kernels, and the fast ones without FMA). Code that
/// repeats the kernels' arithmetic for the same bits (the small-network pass, trials trained in lanes) takes the rule
/// as a type argument, so each of its loops is compiled once per rule.
/// </summary>
internal interface IProductRounding<T> where T : IFloatingPointIeee754<T>
{
    static abstract T MulAdd(T a, T b, T c);

    static abstract Vector256<T> MulAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c);
}

/// <summary>One rounding a step: the fast kernels on FMA hardware.</summary>
internal readonly struct FusedRounding<T> : IProductRounding<T> where T : IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MulAdd(T a, T b, T c) => T.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MulAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c) => FusedArithmetic.MulAdd(a, b, c);
}

/// <summary>The product rounded, then the sum: the reference kernels (and the fast ones without FMA).</summary>
internal readonly struct SeparateRounding<T> : IProductRounding<T> where T : IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MulAdd(T a, T b, T c) => c + a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MulAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c) => c + a * b;
}

internal static class ProductRounding
{
    /// <summary>Whether <paramref name="operations"/>' products are fused; null for kernels other than the built-in ones.</summary>
    public static bool? IsFused<T>(IMatrixOperations<T>? operations) where T : IFloatingPointIeee754<T> => operations switch
    {
        ReferenceMatrixOperations<T> => false,
        FastMatrixOperations<double> or FastMatrixOperations<float> => FusedArithmetic.IsFused,
        _ => null,
    };
}
