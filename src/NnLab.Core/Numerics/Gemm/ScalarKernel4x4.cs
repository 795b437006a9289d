using System.Numerics;
using System.Runtime.CompilerServices;

namespace NnLab.Numerics.Gemm;

/// <summary>4×4 tile without SIMD, for hardware whose vectors are not accelerated or lack FMA.</summary>
internal struct ScalarKernel4x4<T> : IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Mr => 4;
    public static int Nr => 4;
    public static int ShortMr => 4;

    public static void Run<TF, TR>(nint kc, ref T a, ref T b, ref T c, nint ldc, bool accumulate, bool finish, ref T bias,
        ref T other) where TF : struct, ITileFinish where TR : struct, ITileRows =>
        RunInPlace<TF, TR>(kc, ref a, 1, Mr, ref b, ref c, ldc, accumulate, finish, ref bias, ref other);

    public static void RunInPlace<TF, TR>(nint kc, ref T a, nint aRow, nint aStep, ref T b, ref T c, nint ldc,
        bool accumulate, bool finish, ref T bias, ref T other) where TF : struct, ITileFinish where TR : struct, ITileRows
    {
        if (finish) Rows<TF>(kc, ref a, aRow, aStep, ref b, ref c, ldc, accumulate, ref bias, ref other);
        else Rows<StoreOnly>(kc, ref a, aRow, aStep, ref b, ref c, ldc, accumulate, ref bias, ref other);
    }

    private static void Rows<TF>(nint kc, ref T a, nint aRow, nint aStep, ref T b, ref T c, nint ldc, bool accumulate,
        ref T bias, ref T other) where TF : struct, ITileFinish
    {
        for (nint row = 0; row < 4; row++)
        {
            ref T cr = ref Unsafe.Add(ref c, row * ldc);
            T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
            if (accumulate) (s0, s1, s2, s3) = (cr, Unsafe.Add(ref cr, 1), Unsafe.Add(ref cr, 2), Unsafe.Add(ref cr, 3));
            ref T ap = ref Unsafe.Add(ref a, row * aRow);
            ref T bp = ref b;
            for (nint p = 0; p < kc; p++)
            {
                T v = ap;
                s0 = FusedArithmetic.MulAdd(v, bp, s0);
                s1 = FusedArithmetic.MulAdd(v, Unsafe.Add(ref bp, 1), s1);
                s2 = FusedArithmetic.MulAdd(v, Unsafe.Add(ref bp, 2), s2);
                s3 = FusedArithmetic.MulAdd(v, Unsafe.Add(ref bp, 3), s3);
                ap = ref Unsafe.Add(ref ap, aStep);
                bp = ref Unsafe.Add(ref bp, 4);
            }
            ref T o = ref Unsafe.Add(ref other, row * ldc);
            ref T rb = ref Unsafe.Add(ref bias, row);
            TileFinish.Store<TF, T>(s0, ref cr, ref o, ref rb);
            TileFinish.Store<TF, T>(s1, ref Unsafe.Add(ref cr, 1), ref Unsafe.Add(ref o, 1), ref rb);
            TileFinish.Store<TF, T>(s2, ref Unsafe.Add(ref cr, 2), ref Unsafe.Add(ref o, 2), ref rb);
            TileFinish.Store<TF, T>(s3, ref Unsafe.Add(ref cr, 3), ref Unsafe.Add(ref o, 3), ref rb);
        }
    }
}
