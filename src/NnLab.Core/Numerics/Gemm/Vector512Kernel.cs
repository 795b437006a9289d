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
    public static int ShortMr => 4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TF, TR>(nint kc, ref T a, ref T b, ref T c, nint ldc, bool accumulate, bool finish, ref T bias,
        ref T other) where TF : struct, ITileFinish where TR : struct, ITileRows =>
        Run<PackedSliver, TF, TR>(kc, ref a, 1, Mr, ref b, ref c, ldc, accumulate, finish, ref bias, ref other);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunInPlace<TF, TR>(nint kc, ref T a, nint aRow, nint aStep, ref T b, ref T c, nint ldc,
        bool accumulate, bool finish, ref T bias, ref T other) where TF : struct, ITileFinish where TR : struct, ITileRows =>
        Run<InPlaceSliver, TF, TR>(kc, ref a, aRow, aStep, ref b, ref c, ldc, accumulate, finish, ref bias, ref other);

    /// <remarks>The short tile (rows 0-3) is the same code with rows 4 and 5 compiled out.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Run<TA, TF, TR>(nint kc, ref T a, nint aRow, nint aStep, ref T b, ref T c, nint ldc,
        bool accumulate, bool finish, ref T bias, ref T other)
        where TA : struct, ISliverLayout where TF : struct, ITileFinish where TR : struct, ITileRows
    {
        bool full = !TR.IsShort;
        if (TA.IsPacked) (aRow, aStep) = (1, full ? Mr : ShortMr);
        Vector512<T> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        ref T r0 = ref c;
        ref T r1 = ref Unsafe.Add(ref c, ldc);
        ref T r2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref T r3 = ref Unsafe.Add(ref c, 3 * ldc);
        ref T r4 = ref full ? ref Unsafe.Add(ref c, 4 * ldc) : ref c;
        ref T r5 = ref full ? ref Unsafe.Add(ref c, 5 * ldc) : ref c;
        nuint w = (nuint)W;
        if (accumulate)
        {
            c00 = Vector512.LoadUnsafe(ref r0); c01 = Vector512.LoadUnsafe(ref r0, w);
            c10 = Vector512.LoadUnsafe(ref r1); c11 = Vector512.LoadUnsafe(ref r1, w);
            c20 = Vector512.LoadUnsafe(ref r2); c21 = Vector512.LoadUnsafe(ref r2, w);
            c30 = Vector512.LoadUnsafe(ref r3); c31 = Vector512.LoadUnsafe(ref r3, w);
            if (full)
            {
                c40 = Vector512.LoadUnsafe(ref r4); c41 = Vector512.LoadUnsafe(ref r4, w);
                c50 = Vector512.LoadUnsafe(ref r5); c51 = Vector512.LoadUnsafe(ref r5, w);
            }
            else
            {
                c40 = c41 = c50 = c51 = Vector512<T>.Zero;
            }
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
            if (full)
            {
                ai = Vector512.Create(Unsafe.Add(ref a, o4));
                c40 = FusedArithmetic.MulAdd(ai, b0, c40); c41 = FusedArithmetic.MulAdd(ai, b1, c41);
                ai = Vector512.Create(Unsafe.Add(ref a, o5));
                c50 = FusedArithmetic.MulAdd(ai, b0, c50); c51 = FusedArithmetic.MulAdd(ai, b1, c51);
            }
            a = ref Unsafe.Add(ref a, aStep);
            b = ref Unsafe.Add(ref b, Nr);
        }

        if (finish)
            StoreRows<TF>(full, ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ldc, ref bias, ref other,
                c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
        else
            StoreRows<StoreOnly>(full, ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ldc, ref bias, ref other,
                c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRows<TF>(bool full, ref T r0, ref T r1, ref T r2, ref T r3, ref T r4, ref T r5, nint ldc,
        ref T bias, ref T other, Vector512<T> c00, Vector512<T> c01, Vector512<T> c10, Vector512<T> c11, Vector512<T> c20,
        Vector512<T> c21, Vector512<T> c30, Vector512<T> c31, Vector512<T> c40, Vector512<T> c41, Vector512<T> c50, Vector512<T> c51)
        where TF : struct, ITileFinish
    {
        Store<TF>(c00, c01, ref r0, ref other, ref bias);
        Store<TF>(c10, c11, ref r1, ref Unsafe.Add(ref other, ldc), ref Unsafe.Add(ref bias, 1));
        Store<TF>(c20, c21, ref r2, ref Unsafe.Add(ref other, 2 * ldc), ref Unsafe.Add(ref bias, 2));
        Store<TF>(c30, c31, ref r3, ref Unsafe.Add(ref other, 3 * ldc), ref Unsafe.Add(ref bias, 3));
        if (!full) return;
        Store<TF>(c40, c41, ref r4, ref Unsafe.Add(ref other, 4 * ldc), ref Unsafe.Add(ref bias, 4));
        Store<TF>(c50, c51, ref r5, ref Unsafe.Add(ref other, 5 * ldc), ref Unsafe.Add(ref bias, 5));
    }

    /// <summary>One row of the tile, finished as <see cref="TileFinish.Store{TF, T}"/> does each value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TF>(Vector512<T> v0, Vector512<T> v1, ref T c, ref T other, ref T bias) where TF : struct, ITileFinish
    {
        nuint w = (nuint)W;
        if (TF.AddsBias)
        {
            var b = Vector512.Create(bias);
            v0 += b;
            v1 += b;
        }
        if (TF.MasksWherePositive)
        {
            v0 = Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.LoadUnsafe(ref other), Vector512<T>.Zero), v0, Vector512<T>.Zero);
            v1 = Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.LoadUnsafe(ref other, w), Vector512<T>.Zero), v1, Vector512<T>.Zero);
        }
        if (!TF.AppliesRelu || !Unsafe.AreSame(ref c, ref other))
        {
            v0.StoreUnsafe(ref c);
            v1.StoreUnsafe(ref c, w);
        }
        if (TF.AppliesRelu)
        {
            Vector512.ConditionalSelect(Vector512.GreaterThan(v0, Vector512<T>.Zero), v0, Vector512<T>.Zero).StoreUnsafe(ref other);
            Vector512.ConditionalSelect(Vector512.GreaterThan(v1, Vector512<T>.Zero), v1, Vector512<T>.Zero).StoreUnsafe(ref other, w);
        }
    }
}
