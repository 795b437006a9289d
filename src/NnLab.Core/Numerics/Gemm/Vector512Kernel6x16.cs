using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// 6×16 tile for 512-bit FMA (AVX-512): 12 zmm accumulators, two B vectors and a broadcast A value. Per step:
/// 2 loads, 6 broadcasts, 12 FMAs — twice the work of the 256-bit tile for the same instruction count.
/// </summary>
internal struct Vector512Kernel6x16 : IMicroKernel
{
    public static int Mr => 6;
    public static int Nr => 16;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(nint kc, ref double a, ref double b, ref double c, nint ldc, bool accumulate)
    {
        Vector512<double> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        ref double r0 = ref c;
        ref double r1 = ref Unsafe.Add(ref c, ldc);
        ref double r2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref double r3 = ref Unsafe.Add(ref c, 3 * ldc);
        ref double r4 = ref Unsafe.Add(ref c, 4 * ldc);
        ref double r5 = ref Unsafe.Add(ref c, 5 * ldc);
        if (accumulate)
        {
            c00 = Vector512.LoadUnsafe(ref r0); c01 = Vector512.LoadUnsafe(ref r0, 8);
            c10 = Vector512.LoadUnsafe(ref r1); c11 = Vector512.LoadUnsafe(ref r1, 8);
            c20 = Vector512.LoadUnsafe(ref r2); c21 = Vector512.LoadUnsafe(ref r2, 8);
            c30 = Vector512.LoadUnsafe(ref r3); c31 = Vector512.LoadUnsafe(ref r3, 8);
            c40 = Vector512.LoadUnsafe(ref r4); c41 = Vector512.LoadUnsafe(ref r4, 8);
            c50 = Vector512.LoadUnsafe(ref r5); c51 = Vector512.LoadUnsafe(ref r5, 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector512<double>.Zero;
        }

        for (nint p = 0; p < kc; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b);
            var b1 = Vector512.LoadUnsafe(ref b, 8);
            var ai = Vector512.Create(a);
            c00 = Vector512.FusedMultiplyAdd(ai, b0, c00); c01 = Vector512.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(Unsafe.Add(ref a, 1));
            c10 = Vector512.FusedMultiplyAdd(ai, b0, c10); c11 = Vector512.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(Unsafe.Add(ref a, 2));
            c20 = Vector512.FusedMultiplyAdd(ai, b0, c20); c21 = Vector512.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(Unsafe.Add(ref a, 3));
            c30 = Vector512.FusedMultiplyAdd(ai, b0, c30); c31 = Vector512.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(Unsafe.Add(ref a, 4));
            c40 = Vector512.FusedMultiplyAdd(ai, b0, c40); c41 = Vector512.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(Unsafe.Add(ref a, 5));
            c50 = Vector512.FusedMultiplyAdd(ai, b0, c50); c51 = Vector512.FusedMultiplyAdd(ai, b1, c51);
            a = ref Unsafe.Add(ref a, 6);
            b = ref Unsafe.Add(ref b, 16);
        }

        c00.StoreUnsafe(ref r0); c01.StoreUnsafe(ref r0, 8);
        c10.StoreUnsafe(ref r1); c11.StoreUnsafe(ref r1, 8);
        c20.StoreUnsafe(ref r2); c21.StoreUnsafe(ref r2, 8);
        c30.StoreUnsafe(ref r3); c31.StoreUnsafe(ref r3, 8);
        c40.StoreUnsafe(ref r4); c41.StoreUnsafe(ref r4, 8);
        c50.StoreUnsafe(ref r5); c51.StoreUnsafe(ref r5, 8);
    }
}
