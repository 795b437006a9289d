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
    /// <summary>Packs A(i0 .. i0+mc, p0 .. p0+kc) into <paramref name="dest"/> (⌈mc/Mr⌉ slivers of kc·Mr values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(in GemmProblem<T> pr, int i0, int mc, int p0, int kc, ref T dest)
    {
        if (pr.ARowStride == 1 && pr.AColStride != 1)
        {
            PackTransposedA(pr, i0, mc, p0, kc, ref dest);
            return;
        }
        int mr = TKernel.Mr;
        for (int s = 0; s < mc; s += mr)
        {
            int rows = Math.Min(mr, mc - s);
            ref T d = ref Unsafe.Add(ref dest, (nint)s * kc);
            if (pr.AColStride == 1)
            {
                // Rows of A are contiguous along p: a transposing copy into stride Mr.
                Interleave.Copy(ref pr.A[pr.AOffset + (i0 + s) * pr.ARowStride + p0], pr.ARowStride, rows, kc, ref d, mr);
            }
            else
            {
                for (int r = 0; r < rows; r++)
                for (int p = 0; p < kc; p++)
                    Unsafe.Add(ref d, (nint)p * mr + r) = pr.A[pr.AOffset + (i0 + s + r) * pr.ARowStride + (p0 + p) * pr.AColStride];
            }
            for (int r = rows; r < mr; r++)
                for (nint p = 0; p < kc; p++) Unsafe.Add(ref d, p * mr + r) = T.Zero;
        }
    }

    /// <summary>
    /// A stored transposed (Aᵀ·B: contiguous along i), so for each p a sliver's Mr values are contiguous: read like a
    /// row-major B, a few of its stored rows at a time across every sliver.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTransposedA(in GemmProblem<T> pr, int i0, int mc, int p0, int kc, ref T dest)
    {
        int mr = TKernel.Mr;
        int full = mc / mr;
        uint sliverBytes = (uint)(mr * Unsafe.SizeOf<T>());
        for (int pb = 0; pb < kc; pb += RowsPerSweep)
        {
            int rows = Math.Min(RowsPerSweep, kc - pb);
            ref T first = ref pr.A[pr.AOffset + i0 + (p0 + pb) * pr.AColStride];
            for (int sl = 0; sl < full; sl++)
            {
                ref T src = ref Unsafe.Add(ref first, (nint)sl * mr);
                ref T d = ref Unsafe.Add(ref dest, (nint)sl * mr * kc + (nint)pb * mr);
                for (int p = 0; p < rows; p++)
                {
                    Unsafe.CopyBlockUnaligned(ref Unsafe.As<T, byte>(ref d), ref Unsafe.As<T, byte>(ref src), sliverBytes);
                    src = ref Unsafe.Add(ref src, pr.AColStride);
                    d = ref Unsafe.Add(ref d, mr);
                }
            }
            int edge = full * mr;
            if (edge == mc) continue;
            for (int p = 0; p < rows; p++)
            {
                ref T src = ref Unsafe.Add(ref first, (nint)p * pr.AColStride + edge);
                ref T d = ref Unsafe.Add(ref dest, (nint)edge * kc + (nint)(pb + p) * mr);
                for (nint r = 0; r < mc - edge; r++) Unsafe.Add(ref d, r) = Unsafe.Add(ref src, r);
                for (nint r = mc - edge; r < mr; r++) Unsafe.Add(ref d, r) = T.Zero;
            }
        }
    }

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
    private static void PackRowsOfB(in GemmProblem<T> pr, int j0, int nc, int p0, int kc, ref T dest)
    {
        int nr = TKernel.Nr;
        int full = nr % Vector256<T>.Count == 0 ? nc / nr : 0;
        for (int pb = 0; pb < kc; pb += RowsPerSweep)
        {
            int rows = Math.Min(RowsPerSweep, kc - pb);
            ref T first = ref pr.B[pr.BOffset + (p0 + pb) * pr.BRowStride + j0];
            ref T d = ref Unsafe.Add(ref dest, (nint)pb * nr);
            CopySlivers(ref first, pr.BRowStride, rows, ref d, full, (nint)kc * nr);
            for (int t = full * nr; t < nc; t += nr)
            {
                int cols = Math.Min(nr, nc - t);
                for (int p = 0; p < rows; p++)
                {
                    ref T src = ref Unsafe.Add(ref first, (nint)p * pr.BRowStride + t);
                    ref T dp = ref Unsafe.Add(ref dest, (nint)t * kc + (nint)(pb + p) * nr);
                    for (nint q = 0; q < cols; q++) Unsafe.Add(ref dp, q) = Unsafe.Add(ref src, q);
                    for (nint q = cols; q < nr; q++) Unsafe.Add(ref dp, q) = T.Zero;
                }
            }
        }
    }

    /// <summary>
    /// <paramref name="rows"/> rows of B (<paramref name="ldb"/> apart) across <paramref name="count"/> whole slivers:
    /// Nr values per row into each, slivers <paramref name="sliverSize"/> apart. A sliver's rows are written together:
    /// one row at a time across the panel, the stores step by the sliver size, 4 KB when kc = 64, and alias the loads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopySlivers(ref T src, nint ldb, int rows, ref T dest, int count, nint sliverSize)
    {
        int nr = TKernel.Nr, w = Vector256<T>.Count;
        for (int t = 0; t < count; t++)
        {
            ref T s = ref src;
            ref T d = ref dest;
            for (int p = 0; p < rows; p++)
            {
                for (int q = 0; q < nr; q += w)
                    Vector256.LoadUnsafe(ref s, (nuint)q).StoreUnsafe(ref d, (nuint)q);
                s = ref Unsafe.Add(ref s, ldb);
                d = ref Unsafe.Add(ref d, nr);
            }
            src = ref Unsafe.Add(ref src, nr);
            dest = ref Unsafe.Add(ref dest, sliverSize);
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
