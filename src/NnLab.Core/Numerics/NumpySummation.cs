using System.Numerics;

namespace NnLab.Numerics;

/// <summary>
/// numpy's pairwise summation (eight accumulators, blocks of 128 split in halves), so a sum over a contiguous
/// array rounds exactly as <c>np.sum</c> does (in float32 too: numpy accumulates a float32 array in float32) and costs match a NumPy script to the last digit.
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
        if (n <= BlockSize)
        {
            T r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8)
            {
                r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3];
                r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7];
            }
            T res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) res += a[i];
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return Sum(a[..half]) + Sum(a[half..]);
    }
}
