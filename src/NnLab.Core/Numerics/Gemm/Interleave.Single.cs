using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// Floats with SSE: 4×4 blocks move through registers (unpack, then move the 64-bit halves together) instead of one
/// scalar store per element; a pair of rows left over moves as 2×4 blocks stored 64 bits (one float pair) at a time.
/// </summary>
internal static partial class Interleave
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CopySingles(ref float src, nint srcStride, int rows, int count, ref float dest, nint destStride)
    {
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            ref float s0 = ref Unsafe.Add(ref src, r * srcStride);
            ref float s1 = ref Unsafe.Add(ref s0, srcStride);
            ref float s2 = ref Unsafe.Add(ref s1, srcStride);
            ref float s3 = ref Unsafe.Add(ref s2, srcStride);
            ref float d = ref Unsafe.Add(ref dest, r);
            nint p = 0;
            for (; p + 4 <= count; p += 4)
            {
                var v0 = Vector128.LoadUnsafe(ref s0, (nuint)p);
                var v1 = Vector128.LoadUnsafe(ref s1, (nuint)p);
                var v2 = Vector128.LoadUnsafe(ref s2, (nuint)p);
                var v3 = Vector128.LoadUnsafe(ref s3, (nuint)p);
                var t0 = Sse.UnpackLow(v0, v1);  // s0[p]   s1[p]   s0[p+1] s1[p+1]
                var t1 = Sse.UnpackHigh(v0, v1); // s0[p+2] s1[p+2] s0[p+3] s1[p+3]
                var t2 = Sse.UnpackLow(v2, v3);
                var t3 = Sse.UnpackHigh(v2, v3);
                ref float dp = ref Unsafe.Add(ref d, p * destStride);
                Sse.MoveLowToHigh(t0, t2).StoreUnsafe(ref dp);
                Sse.MoveHighToLow(t2, t0).StoreUnsafe(ref Unsafe.Add(ref dp, destStride));
                Sse.MoveLowToHigh(t1, t3).StoreUnsafe(ref Unsafe.Add(ref dp, 2 * destStride));
                Sse.MoveHighToLow(t3, t1).StoreUnsafe(ref Unsafe.Add(ref dp, 3 * destStride));
            }
            for (; p < count; p++)
            {
                ref float dp = ref Unsafe.Add(ref d, p * destStride);
                dp = Unsafe.Add(ref s0, p);
                Unsafe.Add(ref dp, 1) = Unsafe.Add(ref s1, p);
                Unsafe.Add(ref dp, 2) = Unsafe.Add(ref s2, p);
                Unsafe.Add(ref dp, 3) = Unsafe.Add(ref s3, p);
            }
        }
        for (; r + 2 <= rows; r += 2)
        {
            ref float s0 = ref Unsafe.Add(ref src, r * srcStride);
            ref float s1 = ref Unsafe.Add(ref s0, srcStride);
            ref float d = ref Unsafe.Add(ref dest, r);
            nint p = 0;
            for (; p + 4 <= count; p += 4)
            {
                var v0 = Vector128.LoadUnsafe(ref s0, (nuint)p);
                var v1 = Vector128.LoadUnsafe(ref s1, (nuint)p);
                // As 64-bit lanes, each holds one (s0[p], s1[p]) pair; moved as integers so no float semantics touch them.
                var lo = Sse.UnpackLow(v0, v1).AsUInt64();
                var hi = Sse.UnpackHigh(v0, v1).AsUInt64();
                ref byte dp = ref Unsafe.As<float, byte>(ref Unsafe.Add(ref d, p * destStride));
                nint rowBytes = destStride * sizeof(float);
                Unsafe.WriteUnaligned(ref dp, lo.ToScalar());
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dp, rowBytes), lo.GetElement(1));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dp, 2 * rowBytes), hi.ToScalar());
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dp, 3 * rowBytes), hi.GetElement(1));
            }
            for (; p < count; p++)
            {
                ref float dp = ref Unsafe.Add(ref d, p * destStride);
                dp = Unsafe.Add(ref s0, p);
                Unsafe.Add(ref dp, 1) = Unsafe.Add(ref s1, p);
            }
        }
        return r;
    }
}
