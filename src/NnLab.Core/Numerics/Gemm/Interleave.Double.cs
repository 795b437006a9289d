using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// Doubles with AVX: 4×4 blocks move through registers (unpack + 128-bit permute) instead of one scalar store per
/// element; a pair of rows left over moves as 2×4 blocks.
/// </summary>
internal static partial class Interleave
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CopyDoubles(ref double src, nint srcStride, int rows, int count, ref double dest, nint destStride)
    {
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            ref double s0 = ref Unsafe.Add(ref src, r * srcStride);
            ref double s1 = ref Unsafe.Add(ref s0, srcStride);
            ref double s2 = ref Unsafe.Add(ref s1, srcStride);
            ref double s3 = ref Unsafe.Add(ref s2, srcStride);
            ref double d = ref Unsafe.Add(ref dest, r);
            nint p = 0;
            for (; p + 4 <= count; p += 4)
            {
                var t0 = Avx.UnpackLow(Vector256.LoadUnsafe(ref s0, (nuint)p), Vector256.LoadUnsafe(ref s1, (nuint)p));
                var t1 = Avx.UnpackHigh(Vector256.LoadUnsafe(ref s0, (nuint)p), Vector256.LoadUnsafe(ref s1, (nuint)p));
                var t2 = Avx.UnpackLow(Vector256.LoadUnsafe(ref s2, (nuint)p), Vector256.LoadUnsafe(ref s3, (nuint)p));
                var t3 = Avx.UnpackHigh(Vector256.LoadUnsafe(ref s2, (nuint)p), Vector256.LoadUnsafe(ref s3, (nuint)p));
                ref double dp = ref Unsafe.Add(ref d, p * destStride);
                Avx.Permute2x128(t0, t2, 0x20).StoreUnsafe(ref dp);
                Avx.Permute2x128(t1, t3, 0x20).StoreUnsafe(ref Unsafe.Add(ref dp, destStride));
                Avx.Permute2x128(t0, t2, 0x31).StoreUnsafe(ref Unsafe.Add(ref dp, 2 * destStride));
                Avx.Permute2x128(t1, t3, 0x31).StoreUnsafe(ref Unsafe.Add(ref dp, 3 * destStride));
            }
            for (; p < count; p++)
            {
                ref double dp = ref Unsafe.Add(ref d, p * destStride);
                dp = Unsafe.Add(ref s0, p);
                Unsafe.Add(ref dp, 1) = Unsafe.Add(ref s1, p);
                Unsafe.Add(ref dp, 2) = Unsafe.Add(ref s2, p);
                Unsafe.Add(ref dp, 3) = Unsafe.Add(ref s3, p);
            }
        }
        for (; r + 2 <= rows; r += 2)
        {
            ref double s0 = ref Unsafe.Add(ref src, r * srcStride);
            ref double s1 = ref Unsafe.Add(ref s0, srcStride);
            ref double d = ref Unsafe.Add(ref dest, r);
            nint p = 0;
            for (; p + 4 <= count; p += 4)
            {
                var v0 = Vector256.LoadUnsafe(ref s0, (nuint)p);
                var v1 = Vector256.LoadUnsafe(ref s1, (nuint)p);
                var lo = Avx.UnpackLow(v0, v1);  // (s0[p], s1[p]), (s0[p+2], s1[p+2])
                var hi = Avx.UnpackHigh(v0, v1); // (s0[p+1], s1[p+1]), (s0[p+3], s1[p+3])
                ref double dp = ref Unsafe.Add(ref d, p * destStride);
                lo.GetLower().StoreUnsafe(ref dp);
                hi.GetLower().StoreUnsafe(ref Unsafe.Add(ref dp, destStride));
                lo.GetUpper().StoreUnsafe(ref Unsafe.Add(ref dp, 2 * destStride));
                hi.GetUpper().StoreUnsafe(ref Unsafe.Add(ref dp, 3 * destStride));
            }
            for (; p < count; p++)
            {
                ref double dp = ref Unsafe.Add(ref d, p * destStride);
                dp = Unsafe.Add(ref s0, p);
                Unsafe.Add(ref dp, 1) = Unsafe.Add(ref s1, p);
            }
        }
        return r;
    }
}
