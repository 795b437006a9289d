using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// 6×8 tile for 256-bit FMA (AVX2): 12 accumulators, two B vectors and one broadcast A value fill 15 of the 16 ymm
/// registers. Per step: 2 loads, 6 broadcasts, 12 FMAs.
/// </summary>
internal struct Vector256Kernel6x8 : IMicroKernel
{
    public static int Mr => 6;
    public static int Nr => 8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(nint kc, ref double a, ref double b, ref double c, nint ldc, bool accumulate)
    {
        Vector256<double> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        ref double r0 = ref c;
        ref double r1 = ref Unsafe.Add(ref c, ldc);
        ref double r2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref double r3 = ref Unsafe.Add(ref c, 3 * ldc);
        ref double r4 = ref Unsafe.Add(ref c, 4 * ldc);
        ref double r5 = ref Unsafe.Add(ref c, 5 * ldc);
        if (accumulate)
        {
            c00 = Vector256.LoadUnsafe(ref r0); c01 = Vector256.LoadUnsafe(ref r0, 4);
            c10 = Vector256.LoadUnsafe(ref r1); c11 = Vector256.LoadUnsafe(ref r1, 4);
            c20 = Vector256.LoadUnsafe(ref r2); c21 = Vector256.LoadUnsafe(ref r2, 4);
            c30 = Vector256.LoadUnsafe(ref r3); c31 = Vector256.LoadUnsafe(ref r3, 4);
            c40 = Vector256.LoadUnsafe(ref r4); c41 = Vector256.LoadUnsafe(ref r4, 4);
            c50 = Vector256.LoadUnsafe(ref r5); c51 = Vector256.LoadUnsafe(ref r5, 4);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector256<double>.Zero;
        }

        nint p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            Step(ref a, ref b, 0, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            Step(ref a, ref b, 1, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            Step(ref a, ref b, 2, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            Step(ref a, ref b, 3, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            a = ref Unsafe.Add(ref a, 24);
            b = ref Unsafe.Add(ref b, 32);
        }
        for (; p < kc; p++)
        {
            Step(ref a, ref b, 0, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            a = ref Unsafe.Add(ref a, 6);
            b = ref Unsafe.Add(ref b, 8);
        }

        c00.StoreUnsafe(ref r0); c01.StoreUnsafe(ref r0, 4);
        c10.StoreUnsafe(ref r1); c11.StoreUnsafe(ref r1, 4);
        c20.StoreUnsafe(ref r2); c21.StoreUnsafe(ref r2, 4);
        c30.StoreUnsafe(ref r3); c31.StoreUnsafe(ref r3, 4);
        c40.StoreUnsafe(ref r4); c41.StoreUnsafe(ref r4, 4);
        c50.StoreUnsafe(ref r5); c51.StoreUnsafe(ref r5, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref double a, ref double b, nint step,
        ref Vector256<double> c00, ref Vector256<double> c01, ref Vector256<double> c10, ref Vector256<double> c11,
        ref Vector256<double> c20, ref Vector256<double> c21, ref Vector256<double> c30, ref Vector256<double> c31,
        ref Vector256<double> c40, ref Vector256<double> c41, ref Vector256<double> c50, ref Vector256<double> c51)
    {
        ref double bs = ref Unsafe.Add(ref b, step * 8);
        ref double as_ = ref Unsafe.Add(ref a, step * 6);
        var b0 = Vector256.LoadUnsafe(ref bs);
        var b1 = Vector256.LoadUnsafe(ref bs, 4);
        var ai = Vector256.Create(as_);
        c00 = Vector256.FusedMultiplyAdd(ai, b0, c00); c01 = Vector256.FusedMultiplyAdd(ai, b1, c01);
        ai = Vector256.Create(Unsafe.Add(ref as_, 1));
        c10 = Vector256.FusedMultiplyAdd(ai, b0, c10); c11 = Vector256.FusedMultiplyAdd(ai, b1, c11);
        ai = Vector256.Create(Unsafe.Add(ref as_, 2));
        c20 = Vector256.FusedMultiplyAdd(ai, b0, c20); c21 = Vector256.FusedMultiplyAdd(ai, b1, c21);
        ai = Vector256.Create(Unsafe.Add(ref as_, 3));
        c30 = Vector256.FusedMultiplyAdd(ai, b0, c30); c31 = Vector256.FusedMultiplyAdd(ai, b1, c31);
        ai = Vector256.Create(Unsafe.Add(ref as_, 4));
        c40 = Vector256.FusedMultiplyAdd(ai, b0, c40); c41 = Vector256.FusedMultiplyAdd(ai, b1, c41);
        ai = Vector256.Create(Unsafe.Add(ref as_, 5));
        c50 = Vector256.FusedMultiplyAdd(ai, b0, c50); c51 = Vector256.FusedMultiplyAdd(ai, b1, c51);
    }
}
