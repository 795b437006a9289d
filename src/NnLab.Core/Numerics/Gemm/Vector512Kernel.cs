using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// 6 rows × 2 vectors for 512-bit FMA (AVX-512): 6×16 doubles or 6×32 floats. 12 zmm accumulators, two B vectors and
/// a broadcast A value. Per step: 2 loads, 6 broadcasts, 12 FMAs — twice the work of the 256-bit tile for the same
/// instruction count.
/// </summary>
internal struct Vector512Kernel<T> : IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static int W => Vector512<T>.Count;

    public static int Mr => 6;
    public static int Nr => 2 * Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(nint kc, ref T a, ref T b, ref T c, nint ldc, bool accumulate) =>
        Run<PackedSliver>(kc, ref a, 1, Mr, ref b, ref c, ldc, accumulate);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunInPlace(nint kc, ref T a, nint aRow, nint aStep, ref T b, ref T c, nint ldc, bool accumulate) =>
        Run<InPlaceSliver>(kc, ref a, aRow, aStep, ref b, ref c, ldc, accumulate);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Run<TA>(nint kc, ref T a, nint aRow, nint aStep, ref T b, ref T c, nint ldc, bool accumulate)
        where TA : struct, ISliverLayout
    {
        if (TA.IsPacked) (aRow, aStep) = (1, Mr);
        Vector512<T> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        ref T r0 = ref c;
        ref T r1 = ref Unsafe.Add(ref c, ldc);
        ref T r2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref T r3 = ref Unsafe.Add(ref c, 3 * ldc);
        ref T r4 = ref Unsafe.Add(ref c, 4 * ldc);
        ref T r5 = ref Unsafe.Add(ref c, 5 * ldc);
        nuint w = (nuint)W;
        if (accumulate)
        {
            c00 = Vector512.LoadUnsafe(ref r0); c01 = Vector512.LoadUnsafe(ref r0, w);
            c10 = Vector512.LoadUnsafe(ref r1); c11 = Vector512.LoadUnsafe(ref r1, w);
            c20 = Vector512.LoadUnsafe(ref r2); c21 = Vector512.LoadUnsafe(ref r2, w);
            c30 = Vector512.LoadUnsafe(ref r3); c31 = Vector512.LoadUnsafe(ref r3, w);
            c40 = Vector512.LoadUnsafe(ref r4); c41 = Vector512.LoadUnsafe(ref r4, w);
            c50 = Vector512.LoadUnsafe(ref r5); c51 = Vector512.LoadUnsafe(ref r5, w);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector512<T>.Zero;
        }

        nint o1 = aRow, o2 = 2 * aRow, o3 = 3 * aRow, o4 = 4 * aRow, o5 = 5 * aRow;
        for (nint p = 0; p < kc; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b);
            var b1 = Vector512.LoadUnsafe(ref b, w);
            var ai = Vector512.Create(a);
            c00 = FusedArithmetic.MulAdd(ai, b0, c00); c01 = FusedArithmetic.MulAdd(ai, b1, c01);
            ai = Vector512.Create(Unsafe.Add(ref a, o1));
            c10 = FusedArithmetic.MulAdd(ai, b0, c10); c11 = FusedArithmetic.MulAdd(ai, b1, c11);
            ai = Vector512.Create(Unsafe.Add(ref a, o2));
            c20 = FusedArithmetic.MulAdd(ai, b0, c20); c21 = FusedArithmetic.MulAdd(ai, b1, c21);
            ai = Vector512.Create(Unsafe.Add(ref a, o3));
            c30 = FusedArithmetic.MulAdd(ai, b0, c30); c31 = FusedArithmetic.MulAdd(ai, b1, c31);
            ai = Vector512.Create(Unsafe.Add(ref a, o4));
            c40 = FusedArithmetic.MulAdd(ai, b0, c40); c41 = FusedArithmetic.MulAdd(ai, b1, c41);
            ai = Vector512.Create(Unsafe.Add(ref a, o5));
            c50 = FusedArithmetic.MulAdd(ai, b0, c50); c51 = FusedArithmetic.MulAdd(ai, b1, c51);
            a = ref Unsafe.Add(ref a, aStep);
            b = ref Unsafe.Add(ref b, Nr);
        }

        c00.StoreUnsafe(ref r0); c01.StoreUnsafe(ref r0, w);
        c10.StoreUnsafe(ref r1); c11.StoreUnsafe(ref r1, w);
        c20.StoreUnsafe(ref r2); c21.StoreUnsafe(ref r2, w);
        c30.StoreUnsafe(ref r3); c31.StoreUnsafe(ref r3, w);
        c40.StoreUnsafe(ref r4); c41.StoreUnsafe(ref r4, w);
        c50.StoreUnsafe(ref r5); c51.StoreUnsafe(ref r5, w);
    }
}
