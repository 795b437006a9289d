using System.Numerics;
using System.Runtime.CompilerServices;

namespace NnLab.Numerics.Gemm;

/// <summary>
/// The cache-blocked product: for each Nc-column panel and k slice, pack B (L3), then for each Mc-row block pack A
/// (or, in a narrow panel, read a row-major A where it lies: <see cref="ReadsAInPlace"/>), and sweep each Mr-row A
/// sliver (held in L1) along the panel's Nr-column B slivers, so C is written row-tile by
/// row-tile in address order. (Measured here against the BLIS order, B sliver in L1 and A slivers from L2: this order
/// is as fast on square products and ~10% faster on 512×784·784×8192, whose C rows are 64 KB apart.)
/// k slices are visited in increasing order and each tile continues its FMA chains from C, so results do not depend
/// on the blocking.
/// </summary>
internal static class BlockedGemm<T, TKernel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernel : struct, IMicroKernel<T>
{
    public static void Run(in GemmProblem<T> pr, GemmWorkspace<T> workspace) => Run(pr, workspace, GemmBlocking.Default);

    /// <summary>Grows <paramref name="workspace"/> now to what <paramref name="pr"/> (or any part of it) needs.</summary>
    public static void Reserve(in GemmProblem<T> pr, GemmWorkspace<T> workspace)
    {
        var (kcMax, mcMax, ncMax) = Blocks(pr, GemmBlocking.Default);
        workspace.PackedB(kcMax * ncMax);
        workspace.PackedA(kcMax * mcMax);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem<T> pr, GemmWorkspace<T> workspace, GemmBlocking blocking)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        var (kcMax, mcMax, ncMax) = Blocks(pr, blocking);
        ref T packedB = ref workspace.PackedB(kcMax * ncMax);
        ref T packedA = ref workspace.PackedA(kcMax * mcMax);
        var tile = workspace.Tile;

        for (int jc = 0; jc < pr.N; jc += ncMax)
        {
            int nc = Math.Min(ncMax, pr.N - jc);
            bool inPlaceA = ReadsAInPlace(pr, nc, blocking);
            for (int pc = 0; pc < pr.K; pc += kcMax)
            {
                int kc = Math.Min(kcMax, pr.K - pc);
                bool accumulate = pc > 0;
                bool finish = !pr.Epilogue.IsNone && pc + kc == pr.K;
                GemmPacking<T, TKernel>.PackB(pr, jc, nc, pc, kc, ref packedB);
                for (int ic = 0; ic < pr.M; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, pr.M - ic);
                    // Read in place, only a last partial sliver needs packing (for its zero rows).
                    int packedFrom = inPlaceA ? mc / mr * mr : 0;
                    if (packedFrom < mc)
                        GemmPacking<T, TKernel>.PackA(pr, ic + packedFrom, mc - packedFrom, pc, kc, ref Unsafe.Add(ref packedA, (nint)packedFrom * kc));
                    for (int ir = 0; ir < mc; ir += mr)
                    {
                        int rows = Math.Min(mr, mc - ir);
                        int cRow = pr.COffset + (ic + ir) * pr.Ldc + jc;
                        if (ir < packedFrom)
                            Sweep<InPlaceSliver>(pr, ref pr.A[pr.AOffset + (ic + ir) * pr.ARowStride + pc * pr.AColStride],
                                pr.ARowStride, pr.AColStride, ref packedB, kc, nc, cRow, rows, accumulate, tile);
                        else
                            Sweep<PackedSliver>(pr, ref Unsafe.Add(ref packedA, (nint)ir * kc), 1, mr, ref packedB, kc, nc, cRow,
                                rows, accumulate, tile);
                        // These rows of the panel are final and still in cache.
                        if (finish) pr.Epilogue.ApplyToBlock(pr.C, cRow, pr.Ldc, rows, nc);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Reads A where it lies instead of packing it when its rows are contiguous along p and the panel is too narrow to
    /// pay for packing: packing is a pass over A per panel, shared by only nc / Nr tiles (digits' dW = dZ·Aᵀ, 64
    /// columns: 8 tiles; packing was 5-12% of the product). Not a transposed A: its sliver is kc rows of A apart, and
    /// at 512 columns (4 KB) they all fall in one L1 set (Wᵀ·dZ, 512×512·512×128: 40% slower in place).
    /// </summary>
    private static bool ReadsAInPlace(in GemmProblem<T> pr, int nc, GemmBlocking blocking) =>
        nc <= blocking.InPlaceAColumns && pr.AColStride == 1;

    /// <summary>One A sliver against every B sliver of the panel: a row of tiles of C, in address order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sweep<TA>(in GemmProblem<T> pr, ref T aSliver, nint aRow, nint aStep, ref T packedB, int kc, int nc,
        int cRow, int rows, bool accumulate, T[] tile) where TA : struct, ISliverLayout
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            ref T bSliver = ref Unsafe.Add(ref packedB, (nint)jr * kc);
            if (rows == mr && cols == nr)
            {
                if (TA.IsPacked) TKernel.Run(kc, ref aSliver, ref bSliver, ref pr.C[cRow + jr], pr.Ldc, accumulate);
                else TKernel.RunInPlace(kc, ref aSliver, aRow, aStep, ref bSliver, ref pr.C[cRow + jr], pr.Ldc, accumulate);
            }
            else
            {
                EdgeTile(kc, ref aSliver, aRow, aStep, ref bSliver, pr.C, cRow + jr, pr.Ldc, rows, cols, accumulate, tile);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EdgeTile(int kc, ref T a, nint aRow, nint aStep, ref T b, T[] c, int cIndex, int ldc, int rows,
        int cols, bool accumulate, T[] tile)
    {
        int nr = TKernel.Nr;
        if (accumulate)
            for (int r = 0; r < rows; r++)
                c.AsSpan(cIndex + r * ldc, cols).CopyTo(tile.AsSpan(r * nr, cols));
        TKernel.RunInPlace(kc, ref a, aRow, aStep, ref b, ref tile[0], nr, accumulate);
        for (int r = 0; r < rows; r++)
            tile.AsSpan(r * nr, cols).CopyTo(c.AsSpan(cIndex + r * ldc, cols));
    }

    private static (int Kc, int Mc, int Nc) Blocks(in GemmProblem<T> pr, GemmBlocking blocking)
    {
        // Equal-depth k slices (784 = 4×196, not 3×256 + 16): a thin last slice would cost a whole pass over C.
        int kSlices = (pr.K + blocking.Kc - 1) / blocking.Kc;
        int kc = (pr.K + kSlices - 1) / kSlices;
        // Equal-width column panels too (4096 = 2×2048, not 4080 + 16: a sliver of a panel repacks all of A).
        int nPanels = (pr.N + blocking.Nc - 1) / blocking.Nc;
        int nc = RoundUp((pr.N + nPanels - 1) / nPanels, TKernel.Nr);
        return (kc, RoundUp(Math.Min(blocking.Mc, pr.M), TKernel.Mr), nc);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
