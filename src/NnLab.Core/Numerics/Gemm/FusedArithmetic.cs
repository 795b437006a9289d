using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// The one rounding rule of the fast kernels: a·b + c fused (one rounding) where the hardware has FMA, otherwise
/// multiply then add. Every fast path uses it, so tiles, edges and the small-matrix path round identically.
/// </summary>
internal static class FusedArithmetic
{
    public static readonly bool IsFused = Fma.IsSupported || AdvSimd.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MulAdd(double a, double b, double c) => IsFused ? Math.FusedMultiplyAdd(a, b, c) : a * b + c;
}
