using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics;

/// <summary>
/// numpy's pairwise summation (eight accumulators, blocks of 128 split in halves), so a sum over a contiguous
/// array rounds exactly as <c>np.sum</c> does (in float32 too: numpy accumulates a float32 array in float32) and
/// costs match a NumPy script to the last digit.
/// </summary>
public static class NumpySummation
{
    private const int BlockSize = 128;

    public static T Sum<T>(ReadOnlySpan<T> a) where T : IFloatingPointIeee754<T>
    {
        int n = a.Length;
        if (n < 8)
        {
            // numpy starts from -0.0 so that a sum of negative zeros stays -0.0.
            T res = T.NegativeZero;
            for (int i = 0; i < n; i++) res += a[i];
            return res;
        }
        if (n <= BlockSize) return Block(a);
        int half = n / 2;
        half -= half % 8;
        return Sum(a[..half]) + Sum(a[half..]);
    }

    /// <summary>8 ≤ n ≤ 128: accumulator r_k adds a[k], a[k+8], a[k+16], …; then ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) and the tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Block<T>(ReadOnlySpan<T> a) where T : IFloatingPointIeee754<T>
    {
        int n = a.Length, end = n - n % 8;
        // The eight accumulators are eight vector lanes (one float vector, two double vectors): each lane performs
        // exactly its scalar accumulator's additions in the same order, so the result is bit-identical.
        var (low, high) = Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && Vector256<T>.Count is 4 or 8
            ? VectorAccumulators(a, end)
            : ScalarAccumulators(a, end);
        T res = ((low.R0 + low.R1) + (low.R2 + low.R3)) + ((high.R0 + high.R1) + (high.R2 + high.R3));
        for (int i = end; i < n; i++) res += a[i];
        return res;
    }

    private static (Four<T> Low, Four<T> High) VectorAccumulators<T>(ReadOnlySpan<T> a, int end) where T : IFloatingPointIeee754<T>
    {
        ref T ar = ref MemoryMarshal.GetReference(a);
        if (Vector256<T>.Count == 8)
        {
            var v = Vector256.LoadUnsafe(ref ar);
            for (int i = 8; i < end; i += 8) v += Vector256.LoadUnsafe(ref ar, (nuint)i);
            return (Four<T>.Of(v, 0), Four<T>.Of(v, 4));
        }
        var v0 = Vector256.LoadUnsafe(ref ar);
        var v1 = Vector256.LoadUnsafe(ref ar, 4);
        for (int i = 8; i < end; i += 8)
        {
            v0 += Vector256.LoadUnsafe(ref ar, (nuint)i);
            v1 += Vector256.LoadUnsafe(ref ar, (nuint)i + 4);
        }
        return (Four<T>.Of(v0, 0), Four<T>.Of(v1, 0));
    }

    private static (Four<T> Low, Four<T> High) ScalarAccumulators<T>(ReadOnlySpan<T> a, int end) where T : IFloatingPointIeee754<T>
    {
        T r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
        for (int i = 8; i < end; i += 8)
        {
            r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3];
            r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7];
        }
        return (new Four<T>(r0, r1, r2, r3), new Four<T>(r4, r5, r6, r7));
    }

    private readonly record struct Four<T>(T R0, T R1, T R2, T R3) where T : IFloatingPointIeee754<T>
    {
        public static Four<T> Of(Vector256<T> v, int first) =>
            new(v.GetElement(first), v.GetElement(first + 1), v.GetElement(first + 2), v.GetElement(first + 3));
    }
}
