using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// Copies blocks of A and B into the sliver layout the micro-kernel streams through: A as Mr-row slivers (for each p,
/// Mr consecutive values), B as Nr-column slivers (for each p, Nr consecutive values), zero-padded at the edges.
/// Reads each operand in its own layout, so a transposed operand is packed directly without being materialised.
/// </summary>
internal static class GemmPacking<T, TKernel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernel : struct, IMicroKernel<T>
{
    /// <summary>
    /// Packs A(i0 .. i0+mc, p0 .. p0+kc) into <paramref name="dest"/> as ⌈mc/width⌉ slivers of kc·width values
    /// (width: the tile's rows, Mr or ShortMr).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(in GemmProblem<T> pr, int i0, int mc, int p0, int kc, int width, ref T dest)
    {
        if (pr.ARowStride == 1 && pr.AColStride != 1)
        {
            PackTransposedA(pr, i0, mc, p0, kc, width, ref dest);
            return;
        }
        for (int s = 0; s < mc; s += width)
        {
            int rows = Math.Min(width, mc - s);
            ref T d = ref Unsafe.Add(ref dest, (nint)s * kc);
            if (pr.AColStride == 1)
            {
                // Rows of A are contiguous along p: a transposing copy into stride width.
                Interleave.Copy(ref pr.A[pr.AOffset + (i0 + s) * pr.ARowStride + p0], pr.ARowStride, rows, kc, ref d, width);
            }
            else
            {
                for (int r = 0; r < rows; r++)
                for (int p = 0; p < kc; p++)
                    Unsafe.Add(ref d, (nint)p * width + r) = pr.A[pr.AOffset + (i0 + s + r) * pr.ARowStride + (p0 + p) * pr.AColStride];
            }
            for (int r = rows; r < width; r++)
                for (nint p = 0; p < kc; p++) Unsafe.Add(ref d, p * width + r) = T.Zero;
        }
    }

    /// <summary>
    /// A stored transposed (Aᵀ·B: contiguous along i), so for each p a sliver's values are contiguous: packed as a
    /// row-major B is (<see cref="PackRowMajor"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTransposedA(in GemmProblem<T> pr, int i0, int mc, int p0, int kc, int width, ref T dest) =>
        PackRowMajor(ref pr.A[pr.AOffset + i0 + p0 * pr.AColStride], pr.AColStride, mc, kc, width, ref dest);

    /// <summary>Packs B(p0 .. p0+kc, j0 .. j0+nc) into <paramref name="dest"/> (⌈nc/Nr⌉ slivers of kc·Nr values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(in GemmProblem<T> pr, int j0, int nc, int p0, int kc, ref T dest)
    {
        if (pr.BColStride == 1)
            PackRowsOfB(pr, j0, nc, p0, kc, ref dest);
        else
            PackColumnsOfB(pr, j0, nc, p0, kc, ref dest);
    }

    /// <summary>How many rows of B one sweep across the panel copies.</summary>
    /// <remarks>
    /// Sliver by sliver, a wide B (rows 64 KB apart) is read one cache line per row from kc rows in turn, each a
    /// TLB and cache miss the prefetcher cannot foresee; a few rows at a time across the whole panel reads each row
    /// along its length. Measured on 512×784·784×8192: 1 row ≈ 2 ≈ 4 ≈ 8 rows, all 8-15% faster than by slivers;
    /// 16 rows lose part of it again.
    /// </remarks>
    private const int RowsPerSweep = 4;

    /// <summary>B stored by rows (contiguous along j): Nr values per p into each sliver.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackRowsOfB(in GemmProblem<T> pr, int j0, int nc, int p0, int kc, ref T dest) =>
        PackRowMajor(ref pr.B[pr.BOffset + p0 * pr.BRowStride + j0], pr.BRowStride, nc, kc, TKernel.Nr, ref dest);

    /// <summary>
    /// Packs kc rows (<paramref name="ld"/> apart) of <paramref name="count"/> contiguous values each into slivers of
    /// <paramref name="width"/> values per row (kc·width values per sliver, the last zero-padded),
    /// <see cref="RowsPerSweep"/> rows at a time across every sliver. A sliver's rows are written together: one row at a
    /// time across the panel, the stores step by the sliver size, 4 KB when kc = 64, and alias the loads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PackRowMajor(ref T src, nint ld, int count, int kc, int width, ref T dest)
    {
        int full = count / width;
        nint sliverSize = (nint)kc * width;
        for (int pb = 0; pb < kc; pb += RowsPerSweep)
        {
            int rows = Math.Min(RowsPerSweep, kc - pb);
            ref T first = ref Unsafe.Add(ref src, (nint)pb * ld);
            for (int t = 0; t < full; t++)
            {
                ref T s = ref Unsafe.Add(ref first, (nint)t * width);
                ref T d = ref Unsafe.Add(ref dest, t * sliverSize + (nint)pb * width);
                for (int p = 0; p < rows; p++)
                {
                    CopyRun(ref s, ref d, width);
                    s = ref Unsafe.Add(ref s, ld);
                    d = ref Unsafe.Add(ref d, width);
                }
            }
            int edge = full * width;
            if (edge == count) continue;
            for (int p = 0; p < rows; p++)
            {
                ref T s = ref Unsafe.Add(ref first, (nint)p * ld + edge);
                ref T d = ref Unsafe.Add(ref dest, full * sliverSize + (nint)(pb + p) * width);
                for (nint q = 0; q < count - edge; q++) Unsafe.Add(ref d, q) = Unsafe.Add(ref s, q);
                for (nint q = count - edge; q < width; q++) Unsafe.Add(ref d, q) = T.Zero;
            }
        }
    }

    /// <summary>Copies <paramref name="width"/> values: whole vectors when the width is a multiple of one, else one block copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRun(ref T src, ref T dest, int width)
    {
        int w = Vector256<T>.Count;
        if (width % w == 0)
        {
            for (int q = 0; q < width; q += w)
                Vector256.LoadUnsafe(ref src, (nuint)q).StoreUnsafe(ref dest, (nuint)q);
        }
        else
        {
            Unsafe.CopyBlockUnaligned(ref Unsafe.As<T, byte>(ref dest), ref Unsafe.As<T, byte>(ref src), (uint)(width * Unsafe.SizeOf<T>()));
        }
    }

    /// <summary>B stored by columns (contiguous along p) or strided both ways: a transposing copy into stride Nr.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackColumnsOfB(in GemmProblem<T> pr, int j0, int nc, int p0, int kc, ref T dest)
    {
        int nr = TKernel.Nr;
        for (int t = 0; t < nc; t += nr)
        {
            int cols = Math.Min(nr, nc - t);
            ref T d = ref Unsafe.Add(ref dest, (nint)t * kc);
            if (pr.BRowStride == 1)
            {
                Interleave.Copy(ref pr.B[pr.BOffset + (j0 + t) * pr.BColStride + p0], pr.BColStride, cols, kc, ref d, nr);
            }
            else
            {
                for (int q = 0; q < cols; q++)
                for (int p = 0; p < kc; p++)
                    Unsafe.Add(ref d, (nint)p * nr + q) = pr.B[pr.BOffset + (p0 + p) * pr.BRowStride + (j0 + t + q) * pr.BColStride];
            }
            for (int q = cols; q < nr; q++)
                for (nint p = 0; p < kc; p++) Unsafe.Add(ref d, p * nr + q) = T.Zero;
        }
    }
}
