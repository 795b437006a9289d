using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// The transposing copy at the heart of packing an operand whose packed direction is strided in memory (rows of a
/// row-major A into Mr-wide slivers, columns of a transposed B into Nr-wide slivers):
/// dest[p·destStride + r] = src[r·srcStride + p]. Register transposes are per element width, so each type that has
/// one moves whole blocks of rows first; the rows left over are copied one element at a time.
/// </summary>
internal static partial class Interleave
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Copy<T>(ref T src, nint srcStride, int rows, int count, ref T dest, nint destStride) where T : unmanaged
    {
        int r = 0;
        if (typeof(T) == typeof(double) && Avx.IsSupported)
            r = CopyDoubles(ref Unsafe.As<T, double>(ref src), srcStride, rows, count, ref Unsafe.As<T, double>(ref dest), destStride);
        else if (typeof(T) == typeof(float) && Sse.IsSupported)
            r = CopySingles(ref Unsafe.As<T, float>(ref src), srcStride, rows, count, ref Unsafe.As<T, float>(ref dest), destStride);
        for (; r < rows; r++)
        {
            ref T s = ref Unsafe.Add(ref src, r * srcStride);
            ref T d = ref Unsafe.Add(ref dest, r);
            for (nint p = 0; p < count; p++) Unsafe.Add(ref d, p * destStride) = Unsafe.Add(ref s, p);
        }
    }
}
